namespace Instagram.Grains.Feed;

/// <summary>One cached feed item: 16 bytes, so a full 1,000-item feed stays near 16 KB.</summary>
public readonly record struct FeedEntry(long PostId, long AuthorId);
