namespace Instagram.Grains.Discovery;

/// <summary>
/// A per-silo buffer of trending changes (a stateless worker, key 0) that forwards them to the windows in batches, in
/// the order they were recorded.
/// </summary>
[Alias("Instagram.Grains.Discovery.ITrendingCollectorGrain")]
public interface ITrendingCollectorGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("RecordChangesAsync")] Task RecordChangesAsync(TrendingChange[] changes);
}
