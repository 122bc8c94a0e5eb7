namespace Instagram.Grains.Feed;

/// <summary>
/// How a feed cache was filled since its activation. <see cref="RecordingActivity"/>: the reader's activity is being
/// written to the follower pages they are on (after a read, beside it), so pushes to this feed may still be skipped.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Feed.FeedDiagnostics")]
public sealed record FeedDiagnostics(
    [property: Id(0)] int CachedItems,
    [property: Id(1)] long PushedItemsReceived,
    [property: Id(2)] long PulledItemsMerged,
    [property: Id(3)] DateTimeOffset ActivatedAt,
    [property: Id(4)] bool RecordingActivity = false);
