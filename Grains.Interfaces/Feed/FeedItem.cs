namespace Instagram.Grains.Feed;

/// <summary>What fan-out delivers to a feed: add or remove one post.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Feed.FeedItem")]
public sealed record FeedItem(
    [property: Id(0)] long PostId,
    [property: Id(1)] long AuthorId,
    [property: Id(2)] FeedItemKind Kind);
