namespace Instagram.Grains.Feed;

// A stateless worker runs locally on every silo that calls it, so each silo keeps its own short-lived copy and a
// million readers cost the timeline one call per silo per TTL instead of a million.
[StatelessWorker(1)]
internal sealed class CelebrityTimelineCacheGrain : Grain, ICelebrityTimelineCacheGrain
{
    private readonly ShortLivedCache<long[]> _cache;

    public CelebrityTimelineCacheGrain(IGrainFactory grains, IOptions<FeedOptions> options, TimeProvider time)
    {
        var timeline = grains.GetGrain<ICelebrityTimelineGrain>(this.GetPrimaryKeyLong());
        _cache = new(timeline.GetRecentAsync, options.Value.CelebrityCacheTtl, time);
    }

    public Task<long[]> GetRecentAsync() => _cache.GetAsync();
}
