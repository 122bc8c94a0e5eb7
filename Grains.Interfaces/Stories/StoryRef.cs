namespace Instagram.Grains.Stories;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Stories.StoryRef")]
public sealed record StoryRef(
    [property: Id(0)] long StoryId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt);
