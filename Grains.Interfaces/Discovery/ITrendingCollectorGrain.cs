namespace Instagram.Grains.Discovery;

/// <summary>A per-silo buffer of hashtag uses (a stateless worker, key 0) that forwards them to the windows in batches.</summary>
[Alias("Instagram.Grains.Discovery.ITrendingCollectorGrain")]
public interface ITrendingCollectorGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("RecordAsync")] Task RecordAsync(HashtagUse[] uses);
}
