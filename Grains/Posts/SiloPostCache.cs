namespace Instagram.Grains.Posts;

/// <summary>
/// Makes this silo's post cache (<see cref="HydrationCache.Posts"/>) reachable from the others: registered with
/// <see cref="IPostCachesGrain"/> as the silo becomes active and renewed every <see cref="RenewEvery"/>, so a post
/// deleted on any silo is evicted here before the deletion answers.
/// </summary>
internal sealed partial class SiloPostCache(IGrainFactory grains, HydrationCache cache, ILogger<SiloPostCache> logger)
    : ISiloPostCache, ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private ISiloPostCache? _reference;

    public Task ForgetAsync(long postId)
    {
        cache.Posts.Evict(postId);
        return Task.CompletedTask;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloPostCache), ServiceLifecycleStage.Active, OnStartAsync, _ =>
        {
            _stopping.Cancel();
            return Task.CompletedTask;
        });

    // Registration runs beside the silo's start, never in its way: a silo must not wait on a grain call (to a grain that
    // may be placed on a silo still joining) before it is up.
    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<ISiloPostCache>(this); // off any grain's context: the silo's hosted client
        _ = Task.Run(RegisterAndRenewAsync);
        return Task.CompletedTask;
    }

    // A registration that fails (the grain's silo may still be joining) is tried again a second later.
    private async Task RegisterAndRenewAsync()
    {
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
