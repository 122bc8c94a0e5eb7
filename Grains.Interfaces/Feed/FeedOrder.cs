namespace Instagram.Grains.Feed;

[GenerateSerializer, Alias("Instagram.Grains.Feed.FeedOrder")]
public enum FeedOrder
{
    /// <summary>Newest first; the cursor is the last post id.</summary>
    Chronological,

    /// <summary>By affinity × recency × engagement; the cursor is a position in a ranking taken at the first page.</summary>
    Ranked,
}
