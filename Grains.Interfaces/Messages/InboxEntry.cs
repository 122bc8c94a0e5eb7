namespace Instagram.Grains.Messages;

/// <summary>A conversation in an inbox and its latest activity (a time-ordered id: the last message's, else the conversation's).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.InboxEntry")]
public sealed record InboxEntry(
    [property: Id(0)] long ConversationId,
    [property: Id(1)] long ActivityKey);
