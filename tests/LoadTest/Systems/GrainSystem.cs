using Npgsql;
using Instagram.Grains.Common;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Grains.Likes;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;
using Instagram.Grains.Reels;
using Instagram.Grains.Search;
using Instagram.Grains.Users;

namespace Instagram.LoadTest.Systems;

/// <summary>
/// Ours, driven straight through grain calls: the co-hosted client of an embedded silo, or an IClusterClient. Ids are
/// made here, as the Api makes them (time-sortable Snowflake ids from this process's own generator number).
/// </summary>
public sealed class GrainSystem(string name, IGrainFactory grains, IdGenerator ids, bool embedded, Func<ValueTask> dispose,
    BackingServiceCounters? backing = null)
    : ISystemUnderTest
{
    public string Name => name;

    public bool IsOurs => true;

    public bool PublishesAsynchronously => true;

    public bool HasFeedDiagnostics => true;

    public IGrainFactory Grains => grains;

    /// <summary>The id generator this system makes ids with (scenarios that create grains themselves use it too).</summary>
    public IdGenerator Ids => ids;

    public async Task<long> CreateUserAsync(int index, CancellationToken cancellationToken)
    {
        var id = ids.NextId();
        var username = RunTag.UserName(index);
        await grains.GetGrain<IUserGrain>(id).CreateAsync(
            new NewAccount(username, $"{username}@loadtest.invalid", "load-test-account-without-password", $"Load Test {index}"));
        return id;
    }

    public Task FollowAsync(long followerId, long followeeId, CancellationToken cancellationToken) =>
        grains.GetGrain<IFollowingGrain>(followerId).FollowAsync(followeeId);

    public async Task<bool> MakeFeedsColdAsync(CancellationToken cancellationToken)
    {
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        return true;
    }

    public Task UnfollowAsync(long followerId, long followeeId, CancellationToken cancellationToken) =>
        grains.GetGrain<IFollowingGrain>(followerId).UnfollowAsync(followeeId);

    public async Task<string> PrepareMediaAsync(long authorId, CancellationToken cancellationToken)
    {
        var mediaId = ids.NextId();
        var media = grains.GetGrain<IMediaGrain>(mediaId);
        // Registered as already stored, like the baseline's media: no direct-upload URL is asked for, since the tester
        // would never PUT to it (a writable URL costs the item a durable reminder until it expires).
        await media.CreateUploadAsync(new MediaUploadSlot(authorId, "image/png", 1_024, DateTimeOffset.UtcNow.AddMinutes(15), Completed: false, Route: MediaUploadRoute.Api));
        await grains.GetGrain<IMediaTestSeam>(mediaId).CompleteUploadAsync(new StoredMedia("image/png", 1080, 1080, 1_024, $"/media/{mediaId}/original.png"));
        return mediaId.ToString(CultureInfo.InvariantCulture);
    }

    public bool HasReels => true;

    public async Task<long> CreateReelAsync(long authorId, int durationMs, CancellationToken cancellationToken)
    {
        var mediaId = ids.NextId();
        await grains.GetGrain<IMediaGrain>(mediaId).CreateUploadAsync(new MediaUploadSlot(authorId, "video/mp4", 1_024, DateTimeOffset.UtcNow.AddMinutes(15), Completed: false, Route: MediaUploadRoute.Api));
        await grains.GetGrain<IMediaTestSeam>(mediaId).CompleteUploadAsync(
            new StoredMedia("video/mp4", 1080, 1920, 1_024, $"/media/{mediaId}/master.m3u8", DurationMs: durationMs));
        var reelId = ids.NextId();
        await grains.GetGrain<IPostGrain>(reelId).CreateAsync(new NewPost(authorId, "a reel", [mediaId], null, PostKind.Reel));
        return reelId;
    }

    public async Task<ReelsPage> ReadReelsAsync(long viewerId, long? cursor, int limit, CancellationToken cancellationToken)
    {
        var page = await grains.GetGrain<IReelsGrain>(viewerId).GetPageAsync(new PageRequest(cursor, limit));
        return new ReelsPage([.. page.Items.Select(i => (i.Reel.Post.Id, i.Reel.Post.Media[0].Video?.DurationMs ?? 0))], page.NextCursor);
    }

    public Task WatchReelAsync(long viewerId, long reelId, int watchedMs, CancellationToken cancellationToken) =>
        grains.GetGrain<IReelWatchesGrain>(viewerId).RecordAsync(reelId, watchedMs);

    public async Task<long> CreatePostAsync(long authorId, string mediaHandle, string caption, CancellationToken cancellationToken)
    {
        var postId = ids.NextId();
        await grains.GetGrain<IPostGrain>(postId).CreateAsync(new NewPost(authorId, caption, [long.Parse(mediaHandle, CultureInfo.InvariantCulture)], null));
        return postId;
    }

    public async Task<int> ReadFeedAsync(long userId, int limit, CancellationToken cancellationToken)
    {
        var page = await grains.GetGrain<IFeedGrain>(userId).GetPageAsync(PageRequest.First(limit));
        return page.Items.Count;
    }

    public async Task<List<long>> ReadFeedIdsSinceAsync(long userId, long sinceId, CancellationToken cancellationToken)
    {
        var feed = grains.GetGrain<IFeedGrain>(userId);
        var ids = new List<long>();
        var page = new PageRequest(null, PageRequest.MaxLimit);
        while (true)
        {
            var items = await feed.GetPageAsync(page);
            ids.AddRange(items.Items.Select(item => item.Post.Id).Where(id => id >= sinceId));
            if (items.NextCursor is not { } next || items.Items.Count == 0 || items.Items[^1].Post.Id < sinceId)
            {
                return ids;
            }

            page = new PageRequest(next, PageRequest.MaxLimit);
        }
    }

    // A membership test, like the baseline's ZSCORE: delivery is the post reaching the feed, and a hydrated page read
    // per follower per poll cost the silo more than a tenth of its CPU during the fanout scenario.
    public Task<bool> FeedContainsAsync(long userId, long postId, CancellationToken cancellationToken) =>
        grains.GetGrain<IFeedGrain>(userId).HoldsAsync(postId);

    // A probe's round is a few calls through the gateway, not one per follower.
    public Task<bool[]> FeedsContainAsync(long[] userIds, long postId, CancellationToken cancellationToken) =>
        AskFeedsAsync(userIds, (probe, batch) => probe.HoldAsync(postId, batch));

    public async Task<long> PushedItemsAsync(long userId, CancellationToken cancellationToken) =>
        (await grains.GetGrain<IFeedGrain>(userId).GetDiagnosticsAsync()).PushedItemsReceived;

    // The delivery tracker asks every waiting user four times a second: a few calls through the gateway, not thousands.
    public Task<long[]> PushedItemsAsync(long[] userIds, CancellationToken cancellationToken) =>
        AskFeedsAsync(userIds, (probe, batch) => probe.PushedItemsAsync(batch));

    private const int ProbeBatch = 256;

    // One answer per user, in order, asked of the feed probe in batches of ProbeBatch side by side.
    private async Task<T[]> AskFeedsAsync<T>(long[] userIds, Func<IFeedProbeGrain, long[], Task<T[]>> ask) =>
        [.. (await Task.WhenAll(userIds.Chunk(ProbeBatch).Select(batch => ask(grains.GetGrain<IFeedProbeGrain>(0), batch)))).SelectMany(answers => answers)];

    public async Task<bool> CelebrityTimelineHasAsync(long authorId, long postId, CancellationToken cancellationToken) =>
        Array.IndexOf(await grains.GetGrain<ICelebrityTimelineGrain>(authorId).GetRecentAsync(), postId) >= 0;

    public async Task<long> LikeAsync(long userId, long postId, CancellationToken cancellationToken) =>
        (await grains.GetGrain<IUserLikesGrain>(userId).LikeAsync(postId)).LikeCount;

    // The Api asks the same stateless worker (key 0): every silo answers locally.
    public async Task<int> SearchAsync(long viewerId, SearchRequest request, CancellationToken cancellationToken)
    {
        var search = grains.GetGrain<ISearchGrain>(0);
        return request.Kind switch
        {
            SearchKind.Users => (await search.SearchUsersAsync(viewerId, request.Query, request.Limit)).Length,
            SearchKind.Hashtags => (await search.SearchHashtagsAsync(viewerId, request.Query, request.Limit)).Length,
            SearchKind.PostsByHashtag => (await search.SearchPostsAsync(viewerId, new PostSearch(null, request.Query, null), PageRequest.First(request.Limit))).Items.Count,
            _ => (await search.SearchPostsAsync(viewerId, new PostSearch(request.Query, null, null), PageRequest.First(request.Limit))).Items.Count,
        };
    }

    public Task<long> PublishedPostCountAsync(long authorId, CancellationToken cancellationToken) =>
        grains.GetGrain<IUserPostsGrain>(authorId).GetCountAsync();

    public async Task<IReadOnlyDictionary<string, double>> RuntimeMetricsAsync(CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var metrics = new Dictionary<string, double>();
        var statistics = await management.GetSimpleGrainStatistics();
        var activations = statistics.Sum(s => (long)s.ActivationCount);
        metrics["activations"] = activations;
        foreach (var group in statistics.GroupBy(s => ShortTypeName(s.GrainType)).OrderByDescending(g => g.Sum(s => s.ActivationCount)).Take(8))
        {
            metrics[$"activations.{group.Key}"] = group.Sum(s => s.ActivationCount);
        }

        if (embedded)
        {
            // The silo shares this process: the managed heap after a full collection is the silo's (plus the tool's small graph).
            var heap = GcHeap.AfterFullCollection();
            metrics["gcHeapBytes"] = heap;
            metrics["bytesPerActivation"] = activations == 0 ? 0 : (double)heap / activations;
        }

        if (backing is not null)
        {
            try
            {
                foreach (var (key, value) in await backing.ReadAsync(cancellationToken))
                {
                    metrics[key] = value;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or StackExchange.Redis.RedisException or IOException)
            {
                Console.WriteLine($"  [{name}] PostgreSQL / Redis counters unavailable: {ex.Message}");
            }
        }

        return metrics;
    }

    public async ValueTask DisposeAsync()
    {
        await dispose();
        if (backing is not null)
        {
            await backing.DisposeAsync();
        }
    }

    private static string ShortTypeName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
