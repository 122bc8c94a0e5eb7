using Instagram.Grains.Users;

namespace Instagram.Grains.Messages;

/// <summary>A conversation as its participants see it once created; <see cref="Participants"/> includes the creator.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.ConversationDetails")]
public sealed record ConversationDetails(
    [property: Id(0)] long Id,
    [property: Id(1)] UserSummary[] Participants,
    [property: Id(2)] bool IsGroup,
    [property: Id(3)] string? Name,
    [property: Id(4)] DateTimeOffset CreatedAt);
