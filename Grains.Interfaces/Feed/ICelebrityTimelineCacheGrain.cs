namespace Instagram.Grains.Feed;

/// <summary>A per-silo, short-lived copy of one celebrity timeline (a stateless worker keyed by author id).</summary>
[Alias("Instagram.Grains.Feed.ICelebrityTimelineCacheGrain")]
public interface ICelebrityTimelineCacheGrain : IGrainWithIntegerKey
{
    [Alias("GetRecentAsync")] Task<long[]> GetRecentAsync();
}
