namespace Instagram.Grains.Reels;

/// <summary>What one viewer (key) watched: the longest watch of each reel, which is what counts toward its watch time.</summary>
[Alias("Instagram.Grains.Reels.IReelWatchesGrain")]
public interface IReelWatchesGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Records a watch of <paramref name="watchedMs"/>: a 404 for a reel the viewer may not see (or a post that is not a
    /// reel), a 400 for more than the reel's length plus slack. Idempotent: only a longer watch than the viewer's
    /// longest so far changes anything, and only the difference is added to the reel's watch time.
    /// </summary>
    [Alias("RecordAsync")] Task RecordAsync(long reelId, int watchedMs);

    /// <summary>The reels the viewer has watched (the most recent ones; see the grain for the bound).</summary>
    [AlwaysInterleave, Alias("GetWatchedAsync")] Task<long[]> GetWatchedAsync();
}
