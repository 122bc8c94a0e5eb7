namespace Instagram.Grains.Posts;

/// <summary>
/// Makes this silo's post cache (<see cref="HydrationCache.Posts"/>) reachable from the others: registered with
/// <see cref="IPostCachesGrain"/> once the silo is active and renewed every <see cref="RenewEvery"/>, so a post deleted
/// on any silo is evicted here before the deletion answers.
/// </summary>
internal sealed partial class SiloPostCache(IGrainFactory grains, HydrationCache cache, ILogger<SiloPostCache> logger)
    : ISiloPostCache, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

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

    public void Dispose() => _stopping.Dispose();

    private async Task OnStartAsync(CancellationToken cancellationToken)
    {
        // Created off any grain's context (the silo's hosted client serves it).
        _reference = grains.CreateObjectReference<ISiloPostCache>(this);
        await RegisterAsync();
        _ = Task.Run(RenewAsync);
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await RegisterAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RegisterAsync()
    {
        try
        {
            await grains.GetGrain<IPostCachesGrain>(0).RegisterAsync(_reference!);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRegistered(ex.Message); // the next renewal tries again; meanwhile copies here expire on their own
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo's post cache could not register for cluster-wide evictions: {Error}")]
    private partial void LogNotRegistered(string error);
}
