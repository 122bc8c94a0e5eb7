using Instagram.Grains.Affinity;
using Instagram.Grains.Graph;
using Instagram.Grains.Likes;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Discovery;

internal sealed class ExploreGrain : Grain, IExploreGrain
{
    public const int MaxRanked = 300;
    public const int MaxPerAuthorPerPage = 2;

    private readonly IGrainFactory _grains;
    private readonly PostHydrator _hydrator;
    private readonly ShortLivedCache<Ranked[]> _ranking;

    public ExploreGrain(IGrainFactory grains, PostHydrator hydrator, IOptions<DiscoveryOptions> options, TimeProvider time)
    {
        _grains = grains;
        _hydrator = hydrator;
        _ranking = new(RankAsync, options.Value.ExploreCacheTtl, time);
    }

    private long UserId => this.GetPrimaryKeyLong();

    /// <summary>The cursor is a position in the cached ranking, so pages do not shift while the cache lives.</summary>
    public async Task<Page<PostView>> GetPageAsync(PageRequest page)
    {
        var ranking = await _ranking.GetAsync();
        var position = (int)Math.Clamp(page.Cursor ?? 0, 0, ranking.Length);
        var picked = new List<Ranked>(page.Limit);
        var perAuthor = new Dictionary<long, int>();
        for (; position < ranking.Length && picked.Count < page.Limit; position++)
        {
            var item = ranking[position];
            // Diversity: at most two posts of one author on a page; the rest wait for a later page or refresh.
            if (perAuthor.GetValueOrDefault(item.AuthorId) < MaxPerAuthorPerPage)
            {
                perAuthor[item.AuthorId] = perAuthor.GetValueOrDefault(item.AuthorId) + 1;
                picked.Add(item);
            }
        }

        var views = await _hydrator.HydrateAsync([.. picked.Select(p => p.PostId)], UserId);
        return new Page<PostView>([.. views.OfType<PostView>()], position < ranking.Length ? position : null);
    }

    // Predicted engagement: the post's velocity, raised by how much the user engages with its author and tags.
    private async Task<Ranked[]> RankAsync()
    {
        var candidates = await _grains.GetGrain<IExploreCandidatesGrain>(0).GetScoredAsync();
        var following = (await _grains.GetGrain<IFollowingGrain>(UserId).GetFollowingIdsAsync()).ToHashSet();
        var excluded = (await _grains.GetGrain<IBlocksGrain>(UserId).GetExcludedAsync()).ToHashSet();
        var outside = candidates.Where(c => c.Candidate.AuthorId != UserId
            && !following.Contains(c.Candidate.AuthorId) && !excluded.Contains(c.Candidate.AuthorId)).ToArray();
        var liked = await _grains.GetGrain<IUserLikesGrain>(UserId).HasLikedAsync([.. outside.Select(c => c.Candidate.PostId)]);
        var fresh = outside.Where((_, i) => !liked[i]).ToArray();

        var affinity = _grains.GetGrain<IAffinityGrain>(UserId);
        var authorScores = await affinity.GetScoresAsync([.. fresh.Select(c => c.Candidate.AuthorId)]);
        var tags = fresh.SelectMany(c => c.Candidate.Hashtags).Distinct().ToArray();
        var tagScores = (await affinity.GetTagScoresAsync(tags)).Zip(tags).ToDictionary(p => p.Second, p => p.First);

        return [.. fresh
            .Select((c, i) => new Ranked(c.Candidate.PostId, c.Candidate.AuthorId,
                c.Velocity * (1 + (0.1 * authorScores[i]) + (0.1 * c.Candidate.Hashtags.Sum(t => tagScores.GetValueOrDefault(t))))))
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.PostId)
            .Take(MaxRanked)];
    }

    private sealed record Ranked(long PostId, long AuthorId, double Score);
}
