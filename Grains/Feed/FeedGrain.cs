using System.Diagnostics;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Feed.Timelines;
using Instagram.Grains.Graph;
using Instagram.Grains.Moderation;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Feed;

/// <summary>
/// The home feed cache. Nothing is persisted: before the first read of an activation the feed is rebuilt from the graph
/// and the authors' timelines, so a returning user never sees an empty or half-built feed. Fan-out deliveries that
/// arrive before that (an activation started by a delivery) simply land in the cache; inserts are idempotent.
/// </summary>
internal sealed partial class FeedGrain(
    IGrainFactory grains,
    IAuthorPostsIndex authorPosts,
    FeedRebuildGate rebuildGate,
    PostHydrator hydrator,
    CelebrityTimelines celebrityTimelines,
    IOptions<FeedOptions> options,
    TimeProvider time,
    ILogger<FeedGrain> logger) : Grain, IFeedGrain
{
    private readonly FeedOptions _options = options.Value;
    private FeedCache _cache = null!;
    private HashSet<long> _following = [];

    // The newest post of each followed celebrity's timeline as last merged: a timeline only grows at its head, so while
    // that is unchanged every post of it is already here (or has fallen out of the window, or was deleted).
    private readonly Dictionary<long, long> _mergedCelebrityHeads = [];
    private long[] _rankedSnapshot = [];
    private bool _rankedDegraded;
    private long _pushed;
    private long _pulled;
    private DateTimeOffset _activatedAt;
    private DateTimeOffset? _activityRecordedAt;
    private bool _rebuilt;
    private Task _activityRecording = Task.CompletedTask;

    private long OwnerId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = time.GetUtcNow();
        _cache = new FeedCache(_options.MaxItems);
        var following = grains.GetGrain<IFollowingGrain>(OwnerId).GetFollowingIdsAsync();
        _ = hydrator.WarmUpViewerAsync(OwnerId); // its first page will need them: they load while the feed is built
        _following = [.. await following];
    }

    public async Task<Page<PostView>> GetPageAsync(PageRequest page, FeedOrder order = FeedOrder.Chronological)
    {
        RecordActivity();
        // Asked first, so that on a cold feed the reader's muted words load while the feed is rebuilt.
        var muted = hydrator.MutedWordsAsync(OwnerId);
        if (!_rebuilt)
        {
            await RebuildAsync();
        }

        await MergeCelebrityPostsAsync();
        if (_cache.Count == 0)
        {
            // Cold start: nobody followed, or nothing posted yet. Suggest explore posts until the graph yields some.
            var suggested = await grains.GetGrain<Discovery.IExploreGrain>(OwnerId).GetPageAsync(page);
            return suggested with { Items = [.. suggested.Items.Select(view => view with { Suggested = true })] };
        }

        return order == FeedOrder.Ranked ? await GetRankedPageAsync(page, muted) : await GetChronologicalPageAsync(page, muted);
    }

    private async Task<Page<PostView>> GetRankedPageAsync(PageRequest page, Task<MutedWords> muted)
    {
        // The first page takes a ranking snapshot; later pages walk it, so new arrivals never shift or repeat items.
        if (page.Cursor is null || _rankedSnapshot.Length == 0)
        {
            (_rankedSnapshot, _rankedDegraded) = await RankAsync();
        }

        var position = (int)Math.Clamp(page.Cursor ?? 0, 0, _rankedSnapshot.Length);
        var ids = _rankedSnapshot.Skip(position).Take(page.Limit).ToArray();
        var views = await hydrator.HydrateAsync(ids, OwnerId);
        var hidden = await muted;
        // Muted posts leave the page short; the cursor still moves past them, so paging goes on.
        long? next = position + ids.Length < _rankedSnapshot.Length ? position + ids.Length : null;
        return new Page<PostView>([.. views.OfType<PostView>().Where(v => PostHydrator.IsListed(v, hidden, OwnerId))],
            next, _rankedDegraded);
    }

    // Seed 003: when the viewer's affinities cannot be read, rank by recency and engagement alone and say so, rather
    // than fail the feed.
    private async Task<(long[] Ranking, bool Degraded)> RankAsync()
    {
        var entries = _cache.Take(null, _options.RankedWindow);
        var views = (await hydrator.HydrateAsync([.. entries.Select(e => e.PostId)], OwnerId)).OfType<PostView>().ToArray();
        var authors = views.Select(v => v.Post.AuthorId).Distinct().ToArray();
        Dictionary<long, double> affinity;
        var degraded = false;
        try
        {
            affinity = (await grains.GetGrain<Affinity.IAffinityGrain>(OwnerId).GetScoresAsync(authors)).Zip(authors).ToDictionary(p => p.Second, p => p.First);
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            LogRankingDegraded(ex, OwnerId);
            affinity = [];
            degraded = true;
        }

        var now = time.GetUtcNow();
        return ([.. views
            .OrderByDescending(v => FeedRanker.Score(affinity.GetValueOrDefault(v.Post.AuthorId), v.Post.CreatedAt, v.Post.LikeCount, v.Post.CommentCount, now, _options.RankingHalfLife))
            .ThenByDescending(v => v.Post.Id)
            .Select(v => v.Post.Id)], degraded);
    }

    private async Task<Page<PostView>> GetChronologicalPageAsync(PageRequest page, Task<MutedWords> mutedWords)
    {
        var result = new List<PostView>(page.Limit);
        var cursor = page.Cursor;
        while (result.Count < page.Limit)
        {
            var batch = _cache.Take(cursor, page.Limit - result.Count);
            if (batch.Count == 0)
            {
                break;
            }

            var views = await hydrator.HydrateAsync([.. batch.Select(e => e.PostId)], OwnerId);
            var muted = await mutedWords;
            for (var i = 0; i < batch.Count; i++)
            {
                if (views[i] is not { } view)
                {
                    if (!await hydrator.IsSuspendedAsync(batch[i].AuthorId))
                    {
                        _cache.Remove(batch[i].PostId); // deleted since it was cached
                    }
                }
                else if (PostHydrator.IsListed(view, muted, OwnerId))
                {
                    // A muted post stays cached (unmuting brings it back); the loop reads on to fill the page.
                    result.Add(view);
                }
            }

            cursor = batch[^1].PostId;
        }

        var next = result.Count == page.Limit && _cache.HasOlderThan(result[^1].Post.Id) ? result[^1].Post.Id : (long?)null;
        return new Page<PostView>(result, next);
    }

    public async Task OnFollowedAsync(long authorId)
    {
        // Before the rebuild, the author is simply one more to pull from then.
        if (_following.Add(authorId) && _rebuilt)
        {
            await PullRecentAsync([authorId], _options.RebuildPostsPerAuthor);
        }
    }

    public Task OnUnfollowedAsync(long authorId)
    {
        _following.Remove(authorId);
        _cache.RemoveAuthor(authorId);
        _mergedCelebrityHeads.Remove(authorId);
        return Task.CompletedTask;
    }

    public async Task<bool> HoldsAsync(long postId)
    {
        if (!_rebuilt && !_cache.Contains(postId))
        {
            await RebuildAsync();
        }

        return _cache.Contains(postId);
    }

    public Task<FeedDiagnostics> GetDiagnosticsAsync() =>
        Task.FromResult(new FeedDiagnostics(_cache.Count, _pushed, _pulled, _activatedAt, !_activityRecording.IsCompleted));

    public Task DeliverAsync(FeedItem item)
    {
        switch (item.Kind)
        {
            // An item from someone no longer followed (an unfollow raced the fan-out) is dropped.
            // Counted whether or not the rebuild pulled the post first: this is what fan-out delivered.
            case FeedItemKind.Added when _following.Contains(item.AuthorId):
                _cache.Insert(new FeedEntry(item.PostId, item.AuthorId));
                _pushed++;
                break;
            case FeedItemKind.Removed:
                _cache.Remove(item.PostId);
                break;
        }

        return Task.CompletedTask;
    }

    // Reading makes the owner active: at most once per interval the follower pages they are on hear of it. That is up to
    // one write per followed author (500 for someone following 500), so it runs beside the read instead of before it:
    // a returning user's first page costs what any cold page costs. The page is complete without it, since the rebuild
    // reads every followed author's newest posts. What it can miss is a post fanned out while the writes are under way
    // (its follower page still said "inactive"), so once they are done the feed pulls again when pushes may have been
    // skipped, and such a post arrives by that pull instead.
    private void RecordActivity()
    {
        var now = time.GetUtcNow();
        if (_activityRecordedAt is { } recorded && now - recorded < _options.EffectiveActivityRecordInterval)
        {
            return;
        }

        _activityRecordedAt = now;
        _activityRecording = RecordActivityBesideTheReadAsync();
    }

    private async Task RecordActivityBesideTheReadAsync()
    {
        try
        {
            if (await grains.GetGrain<IFollowingGrain>(OwnerId).RecordActivityAsync())
            {
                await PullRecentAsync(_following, _options.RebuildPostsPerAuthor);
            }
        }
        catch (Exception ex)
        {
            LogActivityNotRecorded(ex, OwnerId);
            _activityRecordedAt = null; // the next read tries again
        }
    }

    private async Task RebuildAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var inserted = await PullRecentAsync(_following, _options.RebuildPostsPerAuthor);
        _rebuilt = true;
        FeedMetrics.Rebuilds.Add(1);
        FeedMetrics.RebuildDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        LogRebuilt(OwnerId, _following.Count, inserted);
    }

    // Celebrities are never pushed: their newest posts are pulled from this silo's timeline copies on every read.
    private async Task MergeCelebrityPostsAsync()
    {
        var celebrities = await celebrityTimelines.CelebritiesAsync();
        var followed = celebrities.Where(_following.Contains).ToArray();
        if (followed.Length == 0)
        {
            return;
        }

        FeedMetrics.CelebrityPulls.Add(followed.Length);
        var timelines = await Task.WhenAll(followed.Select(celebrityTimelines.RecentAsync));
        for (var i = 0; i < followed.Length; i++)
        {
            var (celebrity, posts) = (followed[i], timelines[i]);
            if (posts.Length > 0 && !(_mergedCelebrityHeads.TryGetValue(celebrity, out var head) && head == posts[0]))
            {
                _pulled += InsertAll(celebrity, posts);
                _mergedCelebrityHeads[celebrity] = posts[0];
            }
        }
    }

    // One read-model query for any number of authors, never one grain call per author: a cold feed following 500
    // accounts costs what one following 5 does. Bounded per silo, so a restart does not flood the database.
    private async Task<int> PullRecentAsync(IReadOnlyCollection<long> authors, int perAuthor)
    {
        if (authors.Count == 0)
        {
            return 0;
        }

        var recent = await rebuildGate.RunAsync(() => authorPosts.NewestAsync(authors, perAuthor, _options.MaxItems));
        var inserted = _cache.InsertNewestFirst([.. recent.Select(post => new FeedEntry(post.PostId, post.AuthorId))]);

        _pulled += inserted;
        return inserted;
    }

    private int InsertAll(long authorId, long[] postIds) =>
        _cache.InsertNewestFirst([.. postIds.Select(postId => new FeedEntry(postId, authorId))]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {UserId}: affinities unavailable; ranked by recency and engagement alone")]
    private partial void LogRankingDegraded(Exception exception, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {UserId}: the reader's activity was not recorded on the follower pages; the next read tries again")]
    private partial void LogActivityNotRecorded(Exception exception, long userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {UserId} rebuilt from {Authors} followed authors with {Items} items")]
    private partial void LogRebuilt(long userId, int authors, int items);
}
