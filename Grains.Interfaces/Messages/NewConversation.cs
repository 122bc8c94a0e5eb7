namespace Instagram.Grains.Messages;

/// <summary>A conversation to start: the creator and the others (duplicates and the creator are dropped); a name only for a group.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.NewConversation")]
public sealed record NewConversation(
    [property: Id(0)] long CreatorId,
    [property: Id(1)] long[] ParticipantIds,
    [property: Id(2)] string? Name);
