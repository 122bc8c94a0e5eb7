using Instagram.Grains.Common;
using Instagram.Grains.Discovery;

namespace Instagram.Grains.Reels;

// One per silo, as trending's collector: a viral reel watched everywhere at once costs the stats grain one batch per
// interval per silo. A crash loses at most one interval of watch time, which only nudges a ranking.
[StatelessWorker(1)]
internal sealed class ReelWatchCollectorGrain(LastSiloStopping lastSilo, IGrainFactory grains, IOptions<DiscoveryOptions> options) : CollectorGrain(lastSilo), IReelWatchCollectorGrain
{
    private Dictionary<long, long> _buffer = [];

    protected override TimeSpan FlushInterval => options.Value.WatchFlushInterval;

    public Task RecordAsync(long reelId, long addedMs)
    {
        _buffer[reelId] = _buffer.GetValueOrDefault(reelId) + addedMs;
        return Task.CompletedTask;
    }

    protected override Task FlushAsync()
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
