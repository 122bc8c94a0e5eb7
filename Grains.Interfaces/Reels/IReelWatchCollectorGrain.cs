namespace Instagram.Grains.Reels;

/// <summary>
/// A per-silo buffer of watch time (a stateless worker, key 0) that sends the totals to <see cref="IReelStatsGrain"/>
/// once per interval, so a viral reel's watches cost that grain one call per silo per interval, not one per watch.
/// </summary>
[Alias("Instagram.Grains.Reels.IReelWatchCollectorGrain")]
public interface IReelWatchCollectorGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("RecordAsync")] Task RecordAsync(long reelId, long addedMs);
}
