using Instagram.Grains.Common;
using Instagram.Grains.Discovery;

namespace Instagram.Grains.Reels;

// One per silo, as trending's collector: a viral reel watched everywhere at once costs the stats grain one batch per
// interval per silo. A crash loses at most one interval of watch time, which only nudges a ranking.
[StatelessWorker(1)]
internal sealed class ReelWatchCollectorGrain(LastSiloStopping lastSilo, IGrainFactory grains, IOptions<DiscoveryOptions> options) : Grain, IReelWatchCollectorGrain
{
    private Dictionary<long, long> _buffer = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.WatchFlushInterval;
        this.RegisterGrainTimer(static (grain, _) => grain.FlushAsync(), this, new GrainTimerCreationOptions(interval, interval));
        return Task.CompletedTask;
    }

    // With no silo left to receive it, the flush would only fail (and the counts are lost with the cluster anyway).
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        lastSilo.IsTrue ? Task.CompletedTask : FlushAsync();

    public Task RecordAsync(long reelId, long addedMs)
    {
        _buffer[reelId] = _buffer.GetValueOrDefault(reelId) + addedMs;
        return Task.CompletedTask;
    }

    private Task FlushAsync()
    {
        if (_buffer.Count == 0)
        {
            return Task.CompletedTask;
        }

        var batch = _buffer;
        _buffer = [];
        return grains.GetGrain<IReelStatsGrain>(0).AddWatchTimeAsync(batch);
    }
}
