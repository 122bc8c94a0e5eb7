using Instagram.Grains.Media;

namespace Instagram.Grains.Stories;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Stories.StoryDetails")]
public sealed record StoryDetails(
    [property: Id(0)] long Id,
    [property: Id(1)] long AuthorId,
    [property: Id(2)] MediaView Media,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset ExpiresAt);
