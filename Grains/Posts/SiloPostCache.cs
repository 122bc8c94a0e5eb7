namespace Instagram.Grains.Posts;

/// <summary>
/// Makes this silo's post cache (<see cref="HydrationCache.Posts"/>) reachable from the others: registered with
/// <see cref="IPostCachesGrain"/> when the silo first caches a post and renewed every <see cref="RenewEvery"/>, so a
/// post deleted on any silo is evicted here before the deletion answers. A silo that never hydrates a page (a consumer
/// of streams only) never registers and costs the deletions nothing.
/// </summary>
internal sealed partial class SiloPostCache(IGrainFactory grains, HydrationCache cache, ILogger<SiloPostCache> logger)
    : ISiloPostCache, ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private ISiloPostCache? _reference;
    private int _registering;

    public Task ForgetAsync(long postId)
    {
        cache.Posts.Evict(postId);
        return Task.CompletedTask;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloPostCache), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            _stopping.Cancel();
            return Task.CompletedTask;
        });

    /// <summary>Called before each post this silo caches; registers the first time, beside the caller, never in its way.</summary>
    public void EnsureRegistered()
    {
        // With the cache off (a lifetime of zero) nothing is kept here, so there is nothing to evict.
        if (cache.Posts.Enabled && Volatile.Read(ref _registering) == 0 && Interlocked.Exchange(ref _registering, 1) == 0
            && !_stopping.IsCancellationRequested)
        {
            _ = Task.Run(RegisterAndRenewAsync); // off any grain's context: the reference is served by the silo's hosted client
        }
    }

    // A registration that fails (the grain's silo may still be joining) is tried again a second later.
    private async Task RegisterAndRenewAsync()
    {
        _reference = grains.CreateObjectReference<ISiloPostCache>(this);
        try
        {
            while (true)
            {
                var registered = await RegisterAsync();
                await Task.Delay(registered ? RenewEvery : RetryEvery, _stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> RegisterAsync()
    {
        try
        {
            await grains.GetGrain<IPostCachesGrain>(0).RegisterAsync(_reference!);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRegistered(ex.Message); // meanwhile this silo's copies expire on their own
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo's post cache could not register for cluster-wide evictions: {Error}")]
    private partial void LogNotRegistered(string error);
}
