namespace Instagram.Grains.Posts;

// In memory only: after a move, silos sign in again within one renewal, and until then a deletion still leaves the
// other silos' caches when their copies expire (Feed:HydrationCacheLifetime).
internal sealed partial class PostCachesGrain(TimeProvider time, IOptions<Feed.FeedOptions> options, ILogger<PostCachesGrain> logger)
    : Grain, IPostCachesGrain
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
            // A silo that dies without saying so would hold the deletion up until the call times out; past the cache's
            // lifetime, waiting buys nothing, since every copy has expired by then.
            await Task.WhenAll(calls).WaitAsync(options.Value.HydrationCacheLifetime);
        }
        catch (Exception ex)
        {
            // A silo that fails the call is gone or going: it is dropped (it signs in again if it was not).
            for (var i = 0; i < calls.Length; i++)
            {
                if (calls[i].IsFaulted)
                {
                    _caches.Remove(caches[i]);
                    LogSiloDropped(postId, calls[i].Exception!.InnerException!.Message);
                }
            }

            if (ex is TimeoutException)
            {
                LogSlowSilos(postId, calls.Count(call => !call.IsCompleted));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A silo's post cache did not answer the eviction of post {PostId} and was dropped: {Error}")]
    private partial void LogSiloDropped(long postId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Silos} silo(s) had not confirmed the eviction of post {PostId} within the cache lifetime; their copies expire on their own")]
    private partial void LogSlowSilos(long postId, int silos);
}
