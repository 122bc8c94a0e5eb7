namespace Instagram.Grains.Reels;

/// <summary>Total watch time per recent reel (key 0), fed in batches by the silos' <see cref="IReelWatchCollectorGrain"/>s.</summary>
[Alias("Instagram.Grains.Reels.IReelStatsGrain")]
public interface IReelStatsGrain : IGrainWithIntegerKey
{
    /// <summary>Adds each reel's watch time (milliseconds) to its total.</summary>
    [Alias("AddWatchTimeAsync")] Task AddWatchTimeAsync(Dictionary<long, long> addedMs);

    /// <summary>Each reel's total watch time in milliseconds (0 when unknown).</summary>
    [AlwaysInterleave, Alias("GetWatchTimeAsync")] Task<long[]> GetWatchTimeAsync(long[] reelIds);
}
