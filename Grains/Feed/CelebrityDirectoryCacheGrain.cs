namespace Instagram.Grains.Feed;

// One local copy per silo (see CelebrityTimelineCacheGrain): every feed read consults the directory.
[StatelessWorker(1)]
internal sealed class CelebrityDirectoryCacheGrain : Grain, ICelebrityDirectoryCacheGrain
{
    private readonly ShortLivedCache<long[]> _cache;

    public CelebrityDirectoryCacheGrain(IGrainFactory grains, IOptions<FeedOptions> options, TimeProvider time)
    {
        var directory = grains.GetGrain<ICelebrityDirectoryGrain>(0);
        _cache = new(directory.GetAllAsync, options.Value.CelebrityCacheTtl, time);
    }

    public Task<long[]> GetAllAsync() => _cache.GetAsync();
}
