using Instagram.Grains.Media;

namespace Instagram.Grains.Messages;

/// <summary>
/// One direct message as the conversation's participants read it. <see cref="Seq"/> is assigned by the conversation
/// (1, 2, 3, ... with no gap), so a client that has seen up to n asks for <c>afterSeq=n</c> and misses nothing.
/// A message an admin removed stays in place as a tombstone (<see cref="Removed"/>, no text, no media), so the seqs
/// around it stay gapless.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.MessageView")]
public sealed record MessageView(
    [property: Id(0)] long Id,
    [property: Id(1)] long ConversationId,
    [property: Id(2)] long Seq,
    [property: Id(3)] long SenderId,
    [property: Id(4)] string ClientMessageId,
    [property: Id(5)] string? Text,
    [property: Id(6)] MediaView? Media,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] bool Removed = false)
{
    /// <summary>The tombstone a removal leaves: who sent it, where and when stay; what was said goes.</summary>
    public MessageView AsRemoved() => this with { Text = null, Media = null, Removed = true };
}
