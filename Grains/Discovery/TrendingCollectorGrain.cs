using Instagram.Grains.Common;

namespace Instagram.Grains.Discovery;

// One per silo: every trending change lands in the local buffer, and the windows receive one batch per interval per
// silo instead of one call per use. A grain's calls reach its own silo's collector and the timer waits for each flush,
// so one author's changes (one indexer grain) arrive in order; the windows are order-insensitive anyway for what may
// still cross (a deletion before its use, after an indexer moved silos).
[StatelessWorker(1)]
internal sealed class TrendingCollectorGrain(LastSiloStopping lastSilo, IGrainFactory grains, IOptions<DiscoveryOptions> options) : Grain, ITrendingCollectorGrain
{
    private List<TrendingChange> _buffer = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.TrendingFlushInterval;
        this.RegisterGrainTimer(static (grain, _) => grain.FlushAsync(), this, new GrainTimerCreationOptions(interval, interval));
        return Task.CompletedTask;
    }

    // With no silo left to receive it, the flush would only fail (and the counts are lost with the cluster anyway).
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        lastSilo.IsTrue ? Task.CompletedTask : FlushAsync();

    public Task RecordChangesAsync(TrendingChange[] changes)
    {
        _buffer.AddRange(changes);
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
        return Task.WhenAll(TrendingWindows.All.Keys.Select(window => grains.GetGrain<ITrendingGrain>(window).ApplyAsync(batch)));
    }
}
