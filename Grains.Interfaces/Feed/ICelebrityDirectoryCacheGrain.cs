namespace Instagram.Grains.Feed;

/// <summary>A per-silo, short-lived copy of the celebrity directory (a stateless worker, key 0).</summary>
[Alias("Instagram.Grains.Feed.ICelebrityDirectoryCacheGrain")]
public interface ICelebrityDirectoryCacheGrain : IGrainWithIntegerKey
{
    [Alias("GetAllAsync")] Task<long[]> GetAllAsync();
}
