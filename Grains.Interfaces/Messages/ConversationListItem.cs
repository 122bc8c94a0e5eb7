using Instagram.Grains.Users;

namespace Instagram.Grains.Messages;

/// <summary>A conversation as the inbox lists it (GET /v1/conversations).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.ConversationListItem")]
public sealed record ConversationListItem(
    [property: Id(0)] long Id,
    [property: Id(1)] UserSummary[] Participants,
    [property: Id(2)] bool IsGroup,
    [property: Id(3)] string? Name,
    [property: Id(4)] MessageView? LastMessage,
    [property: Id(5)] long UnreadCount);
