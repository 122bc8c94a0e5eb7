using Instagram.Grains.Affinity;
using Instagram.Grains.Graph;
using Instagram.Grains.Likes;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Discovery;

internal sealed partial class ExploreGrain : Grain, IExploreGrain
{
    public const int MaxRanked = 300;
    public const int MaxPerAuthorPerPage = 2;

    private readonly IGrainFactory _grains;
    private readonly PostHydrator _hydrator;
    private readonly ShortLivedCache<Ranking> _ranking;
    private readonly ILogger<ExploreGrain> _logger;

    public ExploreGrain(IGrainFactory grains, PostHydrator hydrator, IOptions<DiscoveryOptions> options, TimeProvider time, ILogger<ExploreGrain> logger)
    {
        _grains = grains;
        _hydrator = hydrator;
        _logger = logger;
        _ranking = new(RankAsync, options.Value.ExploreCacheTtl, time);
    }

    private long UserId => this.GetPrimaryKeyLong();

    /// <summary>The cursor is a position in the cached ranking, so pages do not shift while the cache lives.</summary>
    public async Task<Page<PostView>> GetPageAsync(PageRequest page)
    {
        var (ranking, degraded) = await _ranking.GetAsync();
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

        var muted = _hydrator.MutedWordsAsync(UserId);
        var views = await _hydrator.HydrateAsync([.. picked.Select(p => p.PostId)], UserId);
        var hidden = await muted;
        // Muted posts leave the page short; the cursor is past everything looked at, so paging goes on.
        return new Page<PostView>([.. views.OfType<PostView>().Where(v => !hidden.HidesPost(v.Post, UserId))], position < ranking.Length ? position : null, degraded);
    }

    // Predicted engagement: the post's velocity, raised by how much the user engages with its author and tags.
    private async Task<Ranking> RankAsync()
    {
        var candidates = await _grains.GetGrain<IExploreCandidatesGrain>(CandidatePools.Explore).GetScoredAsync();
        var following = (await _grains.GetGrain<IFollowingGrain>(UserId).GetFollowingIdsAsync()).ToHashSet();
        var excluded = (await _grains.GetGrain<IBlocksGrain>(UserId).GetExcludedAsync()).ToHashSet();
        var outside = candidates.Where(c => c.Candidate.AuthorId != UserId
            && !following.Contains(c.Candidate.AuthorId) && !excluded.Contains(c.Candidate.AuthorId)).ToArray();
        var liked = await _grains.GetGrain<IUserLikesGrain>(UserId).HasLikedAsync([.. outside.Select(c => c.Candidate.PostId)]);
        var fresh = outside.Where((_, i) => !liked[i]).ToArray();

        // Seed 003: without the viewer's affinities, explore is what is trending (velocity alone), flagged as degraded.
        var affinity = _grains.GetGrain<IAffinityGrain>(UserId);
        var tags = fresh.SelectMany(c => c.Candidate.Hashtags).Distinct().ToArray();
        double[] authorScores;
        Dictionary<string, double> tagScores;
        var degraded = false;
        try
        {
            authorScores = await affinity.GetScoresAsync([.. fresh.Select(c => c.Candidate.AuthorId)]);
            tagScores = (await affinity.GetTagScoresAsync(tags)).Zip(tags).ToDictionary(p => p.Second, p => p.First);
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            LogRankingDegraded(ex, UserId);
            authorScores = new double[fresh.Length];
            tagScores = [];
            degraded = true;
        }

        return new Ranking([.. fresh
            .Select((c, i) => new Ranked(c.Candidate.PostId, c.Candidate.AuthorId,
                c.Velocity * (1 + (0.1 * authorScores[i]) + (0.1 * c.Candidate.Hashtags.Sum(t => tagScores.GetValueOrDefault(t))))))
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.PostId)
            .Take(MaxRanked)], degraded);
    }

    private sealed record Ranked(long PostId, long AuthorId, double Score);

    private sealed record Ranking(Ranked[] Items, bool Degraded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Explore {UserId}: affinities unavailable; showing what is trending")]
    private partial void LogRankingDegraded(Exception exception, long userId);
}
