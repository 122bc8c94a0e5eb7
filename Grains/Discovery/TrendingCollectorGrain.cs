namespace Instagram.Grains.Discovery;

// One per silo: every hashtag use lands in the local buffer, and the windows receive one batch per interval per
// silo instead of one call per use.
[StatelessWorker(1)]
internal sealed class TrendingCollectorGrain(IGrainFactory grains, IOptions<DiscoveryOptions> options) : Grain, ITrendingCollectorGrain
{
    private List<HashtagUse> _buffer = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.TrendingFlushInterval;
        this.RegisterGrainTimer(static (grain, _) => grain.FlushAsync(), this, new GrainTimerCreationOptions(interval, interval));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync();

    public Task RecordAsync(HashtagUse[] uses)
    {
        _buffer.AddRange(uses);
        return Task.CompletedTask;
    }

    private Task FlushAsync()
    {
        if (_buffer.Count == 0)
        {
            return Task.CompletedTask;
        }

        var batch = _buffer.ToArray();
        _buffer = [];
        return Task.WhenAll(TrendingWindows.All.Keys.Select(window => grains.GetGrain<ITrendingGrain>(window).AddUsesAsync(batch)));
    }
}
