using Instagram.Grains.Lists;

namespace Instagram.Grains.Discovery;

/// <summary>
/// A discovery pool (<see cref="CandidatePools"/>: explore's, and the reels feed's, which takes reels only): public
/// posts of the last 24 hours (the newest <see cref="MaxCandidates"/>), rebuilt from post events, so it keeps nothing
/// in storage. It takes one event per published post, never one per like: engagement is
/// read from the posts' like and comment lists when the scores are refreshed.
/// </summary>
// Reentrant: every explore page reads the scores; additions and removals change memory between awaits only.
[Reentrant]
internal sealed class ExploreCandidatesGrain : Grain, IExploreCandidatesGrain
{
    public const int MaxCandidates = 2_000;
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(24);

    private readonly Dictionary<long, ExploreCandidate> _candidates = [];
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ShortLivedCache<ScoredCandidate[]> _scores;

    public ExploreCandidatesGrain(IGrainFactory grains, IOptions<DiscoveryOptions> options, TimeProvider time)
    {
        _grains = grains;
        _time = time;
        _scores = new(ScoreAsync, options.Value.CandidateRefresh, time);
    }

    public Task AddAsync(ExploreCandidate candidate)
    {
        _candidates[candidate.PostId] = candidate;
        if (_candidates.Count > MaxCandidates)
        {
            foreach (var oldest in _candidates.Values.OrderBy(c => c.CreatedAt).Take(_candidates.Count - MaxCandidates).ToArray())
            {
                _candidates.Remove(oldest.PostId);
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(long postId)
    {
        _candidates.Remove(postId);
        return Task.CompletedTask;
    }

    public Task<ScoredCandidate[]> GetScoredAsync() => _scores.GetAsync();

    // Velocity = engagement per hour of age; comments weigh more than likes, and every post starts at one.
    private async Task<ScoredCandidate[]> ScoreAsync()
    {
        var now = _time.GetUtcNow();
        var recent = _candidates.Values.Where(c => now - c.CreatedAt < Horizon).ToArray();
        var counts = await Task.WhenAll(recent.Select(async c =>
        {
            var likes = _grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Likes, c.PostId)).GetCountAsync();
            var comments = _grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Comments, c.PostId)).GetCountAsync();
            return (await likes) + (2 * await comments);
        }));
        return [.. recent.Select((c, i) => new ScoredCandidate(c, (1 + counts[i]) / Math.Max(1, (now - c.CreatedAt).TotalHours)))];
    }
}
