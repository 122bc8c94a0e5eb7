namespace Instagram.Grains.Reels;

/// <summary>
/// Watch time per reel. Derived data, so it writes behind; it is bounded to the newest reels (ids are time-ordered), as
/// only recent reels are candidates.
/// </summary>
internal sealed class ReelStatsGrain(
    [PersistentState("reelstats", ProviderNames.GrainStorage)] IPersistentState<ReelStatsState> stats) : Grain, IReelStatsGrain
{
    public const int MaxReels = 20_000;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);
    private WriteBehind _writes = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = new WriteBehind(this, FlushInterval, () => stats.WriteStateAsync());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync();

    public Task AddWatchTimeAsync(Dictionary<long, long> addedMs)
    {
        var totals = stats.State.WatchMs;
        foreach (var (reelId, ms) in addedMs)
        {
            totals[reelId] = totals.GetValueOrDefault(reelId) + ms;
        }

        if (totals.Count > MaxReels)
        {
            stats.State.WatchMs = totals.OrderByDescending(t => t.Key).Take(MaxReels * 3 / 4).ToDictionary();
        }

        _writes.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<long[]> GetWatchTimeAsync(long[] reelIds) =>
        Task.FromResult(reelIds.Select(id => stats.State.WatchMs.GetValueOrDefault(id)).ToArray());
}
