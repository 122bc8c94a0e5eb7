using Instagram.Grains.Common;

namespace Instagram.Grains.Discovery;

// One per silo: every trending change lands in the local buffer, and the windows receive one batch per interval per
// silo instead of one call per use. A grain's calls reach its own silo's collector and the timer waits for each flush,
// so one author's changes (one indexer grain) arrive in order; the windows are order-insensitive anyway for what may
// still cross (a deletion before its use, after an indexer moved silos).
[StatelessWorker(1)]
internal sealed class TrendingCollectorGrain(LastSiloStopping lastSilo, IGrainFactory grains, IOptions<DiscoveryOptions> options) : CollectorGrain(lastSilo), ITrendingCollectorGrain
{
    private List<TrendingChange> _buffer = [];

    protected override TimeSpan FlushInterval => options.Value.TrendingFlushInterval;

    public Task RecordChangesAsync(TrendingChange[] changes)
    {
        _buffer.AddRange(changes);
        return Task.CompletedTask;
    }

    protected override Task FlushAsync()
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
