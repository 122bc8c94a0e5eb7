namespace Instagram.Grains.Posts;

// In memory only: after a move, silos sign in again within one renewal, and until then a deletion still leaves the
// other silos' caches when their copies expire (Feed:HydrationCacheLifetime).
internal sealed partial class PostCachesGrain(TimeProvider time, ILogger<PostCachesGrain> logger) : Grain, IPostCachesGrain
{
    private readonly Dictionary<ISiloPostCache, DateTimeOffset> _caches = [];

    public Task RegisterAsync(ISiloPostCache cache)
    {
        _caches[cache] = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public async Task ForgetEverywhereAsync(long postId)
    {
        var expired = time.GetUtcNow() - 3 * SiloPostCache.RenewEvery;
        foreach (var (cache, _) in _caches.Where(entry => entry.Value < expired).ToList())
        {
            _caches.Remove(cache);
        }

        var caches = _caches.Keys.ToArray();
        var calls = caches.Select(cache => cache.ForgetAsync(postId)).ToArray();
        try
        {
            await Task.WhenAll(calls);
        }
        catch
        {
            // A silo that does not answer is gone or going: it is dropped, and its copy expires on its own anyway.
            for (var i = 0; i < calls.Length; i++)
            {
                if (calls[i].IsFaulted)
                {
                    _caches.Remove(caches[i]);
                    LogSiloDropped(postId, calls[i].Exception!.InnerException!.Message);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A silo's post cache did not answer the eviction of post {PostId} and was dropped: {Error}")]
    private partial void LogSiloDropped(long postId, string error);
}
