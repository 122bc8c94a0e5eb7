using Instagram.Grains.Discovery;

namespace Instagram.Grains.Reels;

/// <summary>
/// The reels pool with each reel's engagement velocity and total watch time, read once per silo per
/// <see cref="DiscoveryOptions.CandidateRefresh"/> (the pool refreshes its scores no more often), so a million viewers
/// starting sessions cost the pool and the stats grain one call per silo per interval, not one each.
/// </summary>
internal sealed class ReelCandidates(IGrainFactory grains, IOptions<DiscoveryOptions> options, TimeProvider time)
{
    private readonly SiloCache<long, ScoredReel[]> _cache = new("reels.candidates", options.Value.CandidateRefresh, 1, time);

    public Task<ScoredReel[]> GetAsync() => _cache.GetAsync(CandidatePools.Reels, LoadAsync);

    private async Task<ScoredReel[]> LoadAsync(long pool)
    {
        var scored = await grains.GetGrain<IExploreCandidatesGrain>(pool).GetScoredAsync();
        var watchMs = await grains.GetGrain<IReelStatsGrain>(0).GetWatchTimeAsync([.. scored.Select(s => s.Candidate.PostId)]);
        return [.. scored.Select((s, i) => new ScoredReel(s.Candidate, s.Velocity, watchMs[i]))];
    }
}

/// <summary>A candidate reel with what every viewer shares about it: engagement velocity and total watch time.</summary>
internal sealed record ScoredReel(ExploreCandidate Candidate, double Velocity, long WatchMs);
