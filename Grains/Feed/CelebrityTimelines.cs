using System.Collections.Concurrent;

namespace Instagram.Grains.Feed;

/// <summary>
/// This silo's short-lived copies (<see cref="FeedOptions.CelebrityCacheTtl"/>) of the celebrity directory and of
/// each celebrity's timeline. Every feed read consults them, so they are a plain in-process cache rather than a
/// grain: a million readers cost each timeline one call per silo per lifetime, and a read costs no message at all.
/// The arrays handed out are shared; callers only read them. While the directory or a timeline cannot be reached (its
/// silo just died, and membership has not said so yet), reads go on with the last copy this silo loaded, or without
/// celebrity posts at all: a feed read must not fail because one celebrity grain is moving.
/// </summary>
internal sealed partial class CelebrityTimelines
{
    private const long DirectoryKey = 0;

    // Only accounts over the celebrity threshold that this silo's readers follow; the bound only guards memory.
    private const int MaxTimelines = 100_000;
    private readonly SiloCache<long, long[]> _directory;
    private readonly SiloCache<long, long[]> _timelines;
    private readonly ConcurrentDictionary<long, long[]> _lastLoaded = new();
    private readonly Func<long, Task<long[]>> _loadDirectory;
    private readonly Func<long, Task<long[]>> _loadTimeline;
    private readonly ILogger<CelebrityTimelines> _logger;

    public CelebrityTimelines(IGrainFactory grains, IOptions<FeedOptions> options, TimeProvider time, ILogger<CelebrityTimelines> logger)
    {
        var lifetime = options.Value.CelebrityCacheTtl;
        _directory = new("celebrity.directory", lifetime, capacity: 1, time);
        _timelines = new("celebrity.timelines", lifetime, MaxTimelines, time);
        _logger = logger;
        // Timelines are keyed by author id and the directory by 0, which is never a user id: one fallback map serves both.
        _loadDirectory = _ => LoadOrLastAsync(DirectoryKey, () => grains.GetGrain<ICelebrityDirectoryGrain>(DirectoryKey).GetAllAsync());
        _loadTimeline = authorId => LoadOrLastAsync(authorId, () => grains.GetGrain<ICelebrityTimelineGrain>(authorId).GetRecentAsync());
    }

    /// <summary>The ids of every account at or above the celebrity threshold.</summary>
    public Task<long[]> CelebritiesAsync() => _directory.GetAsync(DirectoryKey, _loadDirectory);

    /// <summary>A celebrity's recent post ids, newest first.</summary>
    public Task<long[]> RecentAsync(long authorId) => _timelines.GetAsync(authorId, _loadTimeline);

    private async Task<long[]> LoadOrLastAsync(long key, Func<Task<long[]>> load)
    {
        try
        {
            var loaded = await load();
            if (_lastLoaded.Count < MaxTimelines || _lastLoaded.ContainsKey(key))
            {
                _lastLoaded[key] = loaded;
            }

            return loaded;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var last = _lastLoaded.GetValueOrDefault(key, []);
            LogServedLastCopy(key, last.Length, ex.Message); // one line, not a stack trace each second of a failover
            return last;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Celebrity list {Key} (0 = the directory) unreachable, reads use the last copy ({Count} ids) until it answers: {Error}")]
    private partial void LogServedLastCopy(long key, int count, string error);
}
