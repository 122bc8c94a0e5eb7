namespace Instagram.Grains.Messages;

/// <summary>What one participant's inbox needs of a conversation; the inbox adds the participants' summaries.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.ConversationSummary")]
public sealed record ConversationSummary(
    [property: Id(0)] long Id,
    [property: Id(1)] long[] ParticipantIds,
    [property: Id(2)] bool IsGroup,
    [property: Id(3)] string? Name,
    [property: Id(4)] MessageView? LastMessage,
    [property: Id(5)] long UnreadCount,
    [property: Id(6)] InboxFolder Folder,
    [property: Id(7)] long ActivityKey);
