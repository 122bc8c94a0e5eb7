using Instagram.Grains.Affinity;
using Instagram.Grains.Discovery;
using Instagram.Grains.Graph;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Reels;

/// <summary>
/// One viewer's reels feed. The candidates (the silo's scored pool without the viewer's own and blocked authors) are
/// cached for <see cref="DiscoveryOptions.ReelsCacheTtl"/>; each new session ranks them with the viewer's current
/// affinities and watches and fixes that order, and its cursor walks it, so a session never repeats a reel.
/// </summary>
internal sealed partial class ReelsGrain : Grain, IReelsGrain
{
    public const int MaxRanked = 300;
    public const int PrefetchAhead = 2;

    // A viewer may page on two devices at once; older sessions are dropped.
    private const int MaxSessions = 4;

    // The cursor is the session number above the position in its order (positions stay below MaxRanked).
    private const int PositionBits = 16;

    private readonly IGrainFactory _grains;
    private readonly PostHydrator _hydrator;
    private readonly ReelCandidates _pool;
    private readonly TimeProvider _time;
    private readonly ILogger<ReelsGrain> _logger;
    private readonly ShortLivedCache<ScoredReel[]> _candidates;
    private readonly Dictionary<long, Session> _sessions = [];

    // Numbered from a random start, so a cursor from an earlier activation does not land in an unrelated session.
    private long _lastSession = Random.Shared.Next(1, int.MaxValue / 2);

    public ReelsGrain(IGrainFactory grains, PostHydrator hydrator, ReelCandidates pool, IOptions<DiscoveryOptions> options,
        TimeProvider time, ILogger<ReelsGrain> logger)
    {
        _grains = grains;
        _hydrator = hydrator;
        _pool = pool;
        _time = time;
        _logger = logger;
        _candidates = new(LoadCandidatesAsync, options.Value.ReelsCacheTtl, time);
    }

    private long ViewerId => this.GetPrimaryKeyLong();

    public async Task<Page<ReelItem>> GetPageAsync(PageRequest page)
    {
        // A cursor whose session this activation does not hold (the grain was collected meanwhile) starts a new
        // session: it leads with unwatched reels, so what the viewer watched does not come round again first.
        long sessionId;
        var position = 0;
        if (page.Cursor is { } cursor && _sessions.ContainsKey(cursor >> PositionBits))
        {
            sessionId = cursor >> PositionBits;
            position = (int)(cursor & ((1 << PositionBits) - 1));
        }
        else
        {
            sessionId = await StartSessionAsync();
        }

        var session = _sessions[sessionId];
        var order = session.Order;
        position = Math.Clamp(position, 0, order.Length);

        // Hydrated beyond the page: items may drop out (deleted, blocked, turned private) and the last ones need the
        // next items' URLs to prefetch.
        var window = order.Skip(position).Take((2 * page.Limit) + PrefetchAhead).ToArray();
        var muted = _hydrator.MutedWordsAsync(ViewerId);
        var views = await _hydrator.HydrateAsync(window, ViewerId);
        var hidden = await muted;
        var shown = views.Select((view, index) => (View: view, Index: index))
            .Where(v => v.View is { Post: { Kind: PostKind.Reel, Status: PostStatus.Published }, Author.IsPrivate: false } && !hidden.HidesPost(v.View.Post, ViewerId))
            .ToArray();
        var items = shown.Take(page.Limit).Select((v, i) => new ReelItem(v.View!,
            [.. shown.Skip(i + 1).Take(PrefetchAhead).SelectMany(next => PrefetchUrls(next.View!))])).ToArray();

        var next = items.Length == page.Limit ? position + shown[page.Limit - 1].Index + 1 : position + window.Length;
        return new Page<ReelItem>(items, next < order.Length ? (sessionId << PositionBits) | (long)next : null, session.Degraded);
    }

    private async Task<long> StartSessionAsync()
    {
        var candidates = await _candidates.GetAsync();
        var watched = (await _grains.GetGrain<IReelWatchesGrain>(ViewerId).GetWatchedAsync()).ToHashSet();

        // Without the viewer's affinities the order is watch time and velocity alone, flagged as degraded (seed 003).
        double[] affinity;
        var degraded = false;
        try
        {
            affinity = await _grains.GetGrain<IAffinityGrain>(ViewerId).GetScoresAsync([.. candidates.Select(c => c.Candidate.AuthorId)]);
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            LogRankingDegraded(ex, ViewerId);
            affinity = new double[candidates.Length];
            degraded = true;
        }

        var now = _time.GetUtcNow();
        long[] order = [.. candidates
            .Select((c, i) => (Id: c.Candidate.PostId, Score: ReelRanker.Score(c.Velocity, c.WatchMs, c.Candidate.CreatedAt, affinity[i], now)))
            .OrderBy(r => watched.Contains(r.Id)) // a session leads with what the viewer has not watched
            .ThenByDescending(r => r.Score)
            .ThenByDescending(r => r.Id)
            .Take(MaxRanked)
            .Select(r => r.Id)];

        var id = ++_lastSession;
        _sessions[id] = new Session(order, degraded);
        if (_sessions.Count > MaxSessions)
        {
            _sessions.Remove(_sessions.Keys.Min());
        }

        return id;
    }

    // Followed and other accounts alike; the viewer's own reels and blocked authors (either way) are left out here,
    // and hydration checks blocks and privacy again for each page.
    private async Task<ScoredReel[]> LoadCandidatesAsync()
    {
        var excluded = _grains.GetGrain<IBlocksGrain>(ViewerId).GetExcludedAsync();
        var pool = await _pool.GetAsync();
        var blocked = (await excluded).ToHashSet();
        return [.. pool.Where(c => c.Candidate.AuthorId != ViewerId && !blocked.Contains(c.Candidate.AuthorId))];
    }

    private static IEnumerable<string> PrefetchUrls(PostView view) =>
        view.Post.Media.Select(m => m.Video).OfType<VideoPlayback>().SelectMany(v => new[] { v.PosterUrl, v.HlsUrl }).Distinct();

    private sealed record Session(long[] Order, bool Degraded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reels {ViewerId}: affinities unavailable; ranking by watch time and velocity")]
    private partial void LogRankingDegraded(Exception exception, long viewerId);
}
