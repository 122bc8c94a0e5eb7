namespace Instagram.Grains.Feed;

/// <summary>
/// This silo's short-lived copies (<see cref="FeedOptions.CelebrityCacheTtl"/>) of the celebrity directory and of
/// each celebrity's timeline. Every feed read consults them, so they are a plain in-process cache rather than a
/// grain: a million readers cost each timeline one call per silo per lifetime, and a read costs no message at all.
/// The arrays handed out are shared; callers only read them.
/// </summary>
internal sealed class CelebrityTimelines
{
    private const long DirectoryKey = 0;

    // Only accounts over the celebrity threshold that this silo's readers follow; the bound only guards memory.
    private const int MaxTimelines = 100_000;
    private readonly SiloCache<long, long[]> _directory;
    private readonly SiloCache<long, long[]> _timelines;
    private readonly Func<long, Task<long[]>> _loadDirectory;
    private readonly Func<long, Task<long[]>> _loadTimeline;

    public CelebrityTimelines(IGrainFactory grains, IOptions<FeedOptions> options, TimeProvider time)
    {
        var lifetime = options.Value.CelebrityCacheTtl;
        _directory = new(lifetime, capacity: 1, time);
        _timelines = new(lifetime, MaxTimelines, time);
        _loadDirectory = _ => grains.GetGrain<ICelebrityDirectoryGrain>(DirectoryKey).GetAllAsync();
        _loadTimeline = authorId => grains.GetGrain<ICelebrityTimelineGrain>(authorId).GetRecentAsync();
    }

    /// <summary>The ids of every account at or above the celebrity threshold.</summary>
    public Task<long[]> CelebritiesAsync() => _directory.GetAsync(DirectoryKey, _loadDirectory);

    /// <summary>A celebrity's recent post ids, newest first.</summary>
    public Task<long[]> RecentAsync(long authorId) => _timelines.GetAsync(authorId, _loadTimeline);
}
