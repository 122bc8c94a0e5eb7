namespace Instagram.Grains.Messages;

/// <summary>
/// A message a sender sent recently, by a hash of its clientMessageId: a match is confirmed against the stored
/// message, so a hash collision can never return the wrong one.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.RecentSend")]
public sealed record RecentSend(
    [property: Id(0)] long SenderId,
    [property: Id(1)] long ClientIdHash,
    [property: Id(2)] long Seq);
