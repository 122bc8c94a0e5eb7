namespace Instagram.Grains.Feed;

/// <summary>How a feed cache was filled since its activation.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Feed.FeedDiagnostics")]
public sealed record FeedDiagnostics(
    [property: Id(0)] int CachedItems,
    [property: Id(1)] long PushedItemsReceived,
    [property: Id(2)] long PulledItemsMerged,
    [property: Id(3)] DateTimeOffset ActivatedAt);
