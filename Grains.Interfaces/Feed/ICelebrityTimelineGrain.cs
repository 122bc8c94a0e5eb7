namespace Instagram.Grains.Feed;

/// <summary>
/// A celebrity's recent post ids, newest first, pulled by every follower's feed instead of being pushed. Reads
/// interleave; feeds read a per-silo copy, so they rarely reach this activation.
/// </summary>
[Alias("Instagram.Grains.Feed.ICelebrityTimelineGrain")]
public interface ICelebrityTimelineGrain : IGrainWithIntegerKey
{
    [Alias("AddAsync")] Task AddAsync(long postId);

    [Alias("RemoveAsync")] Task RemoveAsync(long postId);

    [Alias("GetRecentAsync")] Task<long[]> GetRecentAsync();
}
