using Instagram.Grains.Common;
using Instagram.Grains.Posts;
using StackExchange.Redis;

namespace Instagram.LoadTest.Systems;

/// <summary>
/// The seeds' reference design, built here so ours can be compared with it on the same graph and workload
/// (seed 001 §4.3, seed 000 "Read Path"): each feed is a Redis sorted set of post ids scored by time, trimmed to
/// 1,000; a post by a non-celebrity is pushed with one pipelined ZADD + ZREMRANGEBYRANK per follower; a celebrity's
/// post only goes on its own timeline, which readers pull and merge; a read is ZREVRANGE (plus the followed
/// celebrities' timelines) and then one pipelined HGETALL of the post hashes, which carry the author's summary
/// denormalised (a single hydration round trip: the strongest form of the baseline). Following pulls the author's 50
/// newest posts into the feed, as ours does. All keys carry a per-run prefix and are deleted at the end. On a
/// Cluster-profile run each post and follow is first stored in PostgreSQL (<see cref="BaselineDatabase"/>), as the
/// seeds' design keeps them in a database; on the Embedded profile the baseline stays in memory, as ours does.
/// </summary>
public sealed class RedisBaseline : ISystemUnderTest
{
    public const int FeedCap = 1_000;
    public const int TimelineCap = 200;
    public const int PullPerAuthor = 50;

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly IdGenerator _ids;
    private readonly int _threshold;
    private readonly string _prefix = $"lt:{RunTag.Value}:";
    private readonly RedisKey _celebs;
    private readonly BaselineDatabase? _database;

    private RedisBaseline(ConnectionMultiplexer redis, IdGenerator ids, int threshold, BaselineDatabase? database)
    {
        _database = database;
        _redis = redis;
        _db = redis.GetDatabase();
        _ids = ids;
        _threshold = threshold;
        _celebs = _prefix + "celebs";
    }

    public string Name => _database is null ? "redis-baseline" : "redis-baseline+postgres";

    public bool IsOurs => false;

    public bool PublishesAsynchronously => false;

    public bool HasFeedDiagnostics => false;

    public static async Task<RedisBaseline> ConnectAsync(RunOptions options)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Redis");
        if (string.IsNullOrEmpty(connectionString))
        {
            throw new UsageException("--baseline redis needs ConnectionStrings__Redis (bash infra/local/services.sh up prints it).");
        }

        OurSystems.RequireLoopbackRedis(connectionString, "ConnectionStrings__Redis");
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = true;
        configuration.ConnectTimeout = 10_000;
        configuration.AllowAdmin = true; // INFO (redis-server's CPU and memory) and SCAN for the clean-up
        var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        return new RedisBaseline(redis, new IdGenerator((options.GeneratorId + 2) % (IdGenerator.MaxGeneratorId + 1)), options.CelebrityThreshold,
            await BaselineDatabase.ConnectAsync(options));
    }

    public async Task<long> CreateUserAsync(int index, CancellationToken cancellationToken)
    {
        var id = _ids.NextId();
        var username = RunTag.UserName(index);
        await _db.HashSetAsync(User(id),
        [
            new("id", id), new("username", username), new("fullName", $"Load Test {index}"), new("avatarUrl", ""),
            new("isVerified", 0), new("isPrivate", 0),
        ]);
        return id;
    }

    public async Task FollowAsync(long followerId, long followeeId, CancellationToken cancellationToken)
    {
        if (_database is not null)
        {
            await _database.InsertFollowAsync(followerId, followeeId, cancellationToken);
        }

        var batch = _db.CreateBatch();
        var added = batch.SetAddAsync(Following(followerId), followeeId);
        var addedBack = batch.SetAddAsync(Followers(followeeId), followerId);
        var count = batch.SetLengthAsync(Followers(followeeId));
        var recent = batch.SortedSetRangeByRankWithScoresAsync(Timeline(followeeId), 0, PullPerAuthor - 1, Order.Descending);
        batch.Execute();
        await Task.WhenAll(added, addedBack, count, recent);

        var second = _db.CreateBatch();
        var pending = new List<Task>();
        if (await count >= _threshold)
        {
            pending.Add(second.SetAddAsync(_celebs, followeeId));
        }

        var posts = await recent;
        if (posts.Length > 0)
        {
            pending.Add(second.SortedSetAddAsync(Feed(followerId), [.. posts.Select(p => new SortedSetEntry(p.Element, p.Score))]));
            pending.Add(second.SortedSetRemoveRangeByRankAsync(Feed(followerId), 0, -(FeedCap + 1)));
        }

        if (pending.Count > 0)
        {
            second.Execute();
            await Task.WhenAll(pending);
        }
    }

    /// <summary>Removes the edge both ways and the followee's posts from the follower's feed, as ours does.</summary>
    public async Task UnfollowAsync(long followerId, long followeeId, CancellationToken cancellationToken)
    {
        if (_database is not null)
        {
            await _database.DeleteFollowAsync(followerId, followeeId, cancellationToken);
        }

        var batch = _db.CreateBatch();
        var removed = batch.SetRemoveAsync(Following(followerId), followeeId);
        var removedBack = batch.SetRemoveAsync(Followers(followeeId), followerId);
        var posts = batch.SortedSetRangeByRankAsync(Timeline(followeeId), 0, -1);
        batch.Execute();
        await Task.WhenAll(removed, removedBack, posts);
        if ((await posts).Length > 0)
        {
            await _db.SortedSetRemoveAsync(Feed(followerId), await posts);
        }
    }

    public Task<string> PrepareMediaAsync(long authorId, CancellationToken cancellationToken) =>
        Task.FromResult($"/media/{_ids.NextId()}/original.png");

    /// <summary>Stores the post, then pushes it to every follower in one pipeline; returns when every feed holds it.</summary>
    public async Task<long> CreatePostAsync(long authorId, string mediaHandle, string caption, CancellationToken cancellationToken)
    {
        var postId = _ids.NextId();
        var score = (double)IdGenerator.TimeOf(postId).ToUnixTimeMilliseconds();
        if (_database is not null)
        {
            await _database.InsertPostAsync(postId, authorId, caption, mediaHandle, cancellationToken);
        }

        var first = _db.CreateBatch();
        var author = first.HashGetAllAsync(User(authorId));
        var isCelebrity = first.SetContainsAsync(_celebs, authorId);
        first.Execute();
        var authorFields = (await author).ToDictionary(e => e.Name.ToString(), e => e.Value);

        var second = _db.CreateBatch();
        var writes = new List<Task>
        {
            second.HashSetAsync(Post(postId),
            [
                new("id", postId), new("authorId", authorId), new("authorUsername", authorFields.GetValueOrDefault("username", "")),
                new("authorFullName", authorFields.GetValueOrDefault("fullName", "")), new("authorAvatarUrl", ""),
                new("caption", caption), new("hashtags", string.Join(',', CaptionParser.Hashtags(caption))),
                new("mentions", string.Join(',', CaptionParser.Mentions(caption))),
                new("mediaUrl", mediaHandle), new("width", 1080), new("height", 1080),
                new("likeCount", 0), new("commentCount", 0), new("status", "published"),
                new("createdAt", IdGenerator.TimeOf(postId).ToString("O", CultureInfo.InvariantCulture)),
            ]),
            second.SortedSetAddAsync(Timeline(authorId), postId, score),
            second.SortedSetRemoveRangeByRankAsync(Timeline(authorId), 0, -(TimelineCap + 1)),
        };
        var celebrity = await isCelebrity;
        var followers = celebrity ? null : second.SetMembersAsync(Followers(authorId));
        second.Execute();
        await Task.WhenAll(writes);
        if (followers is null)
        {
            return postId; // a celebrity's post is pulled by readers
        }

        var fanOut = _db.CreateBatch();
        var pushes = new List<Task>();
        foreach (var follower in await followers)
        {
            var feed = Feed((long)follower);
            pushes.Add(fanOut.SortedSetAddAsync(feed, postId, score));
            pushes.Add(fanOut.SortedSetRemoveRangeByRankAsync(feed, 0, -(FeedCap + 1)));
        }

        fanOut.Execute();
        await Task.WhenAll(pushes);
        return postId;
    }

    public async Task<int> ReadFeedAsync(long userId, int limit, CancellationToken cancellationToken)
    {
        var first = _db.CreateBatch();
        var pushed = first.SortedSetRangeByRankWithScoresAsync(Feed(userId), 0, limit - 1, Order.Descending);
        var celebrities = first.SetCombineAsync(SetOperation.Intersect, Following(userId), _celebs);
        first.Execute();
        var candidates = (await pushed).ToList();

        var followed = await celebrities;
        if (followed.Length > 0)
        {
            var pull = _db.CreateBatch();
            var timelines = followed.Select(c => pull.SortedSetRangeByRankWithScoresAsync(Timeline((long)c), 0, limit - 1, Order.Descending)).ToArray();
            pull.Execute();
            foreach (var timeline in await Task.WhenAll(timelines))
            {
                candidates.AddRange(timeline);
            }
        }

        var ids = candidates
            .DistinctBy(e => (long)e.Element)
            .OrderByDescending(e => e.Score).ThenByDescending(e => (long)e.Element)
            .Take(limit)
            .Select(e => (long)e.Element)
            .ToArray();
        if (ids.Length == 0)
        {
            return 0;
        }

        var hydrate = _db.CreateBatch();
        var hashes = ids.Select(id => hydrate.HashGetAllAsync(Post(id))).ToArray();
        hydrate.Execute();
        var count = 0;
        foreach (var hash in await Task.WhenAll(hashes))
        {
            if (BaselinePost.From(hash) is { Status: "published" })
            {
                count++;
            }
        }

        return count;
    }

    public async Task<bool> FeedContainsAsync(long userId, long postId, CancellationToken cancellationToken) =>
        await _db.SortedSetScoreAsync(Feed(userId), postId) is not null;

    public Task<long> PushedItemsAsync(long userId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The baseline pushes synchronously; there is nothing to wait for.");

    public Task<bool> CelebrityTimelineHasAsync(long authorId, long postId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The baseline publishes synchronously.");

    public Task<int> SearchAsync(long viewerId, SearchRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The seeds' Redis design has no search to compare with.");

    /// <summary>Seed 004's like: an idempotent insert into the post's likers (SADD), and an atomic INCR of its counter when new.</summary>
    public async Task<long> LikeAsync(long userId, long postId, CancellationToken cancellationToken)
    {
        var counter = LikeCount(postId);
        if (await _db.SetAddAsync(Likers(postId), userId))
        {
            return await _db.StringIncrementAsync(counter);
        }

        return (long)await _db.StringGetAsync(counter);
    }

    public Task<long> PublishedPostCountAsync(long authorId, CancellationToken cancellationToken) =>
        _db.SortedSetLengthAsync(Timeline(authorId));

    /// <summary>redis-server's own CPU seconds (cumulative) and memory, so the baseline's cost is not hidden in another process.</summary>
    public async Task<IReadOnlyDictionary<string, double>> RuntimeMetricsAsync(CancellationToken cancellationToken)
    {
        var server = _redis.GetServer(_redis.GetEndPoints()[0]);
        var info = (await server.InfoAsync()).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        var metrics = new Dictionary<string, double>();
        if (double.TryParse(info.GetValueOrDefault("used_cpu_user"), NumberStyles.Float, CultureInfo.InvariantCulture, out var user) &&
            double.TryParse(info.GetValueOrDefault("used_cpu_sys"), NumberStyles.Float, CultureInfo.InvariantCulture, out var sys))
        {
            metrics["serverCpuSeconds"] = user + sys;
        }

        if (double.TryParse(info.GetValueOrDefault("used_memory"), NumberStyles.Float, CultureInfo.InvariantCulture, out var memory))
        {
            metrics["redisUsedMemoryBytes"] = memory;
        }

        return metrics;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var server = _redis.GetServer(_redis.GetEndPoints()[0]);
            var batch = new List<RedisKey>(1_000);
            await foreach (var key in server.KeysAsync(pattern: _prefix + "*", pageSize: 1_000))
            {
                batch.Add(key);
                if (batch.Count == 1_000)
                {
                    await _db.KeyDeleteAsync([.. batch], CommandFlags.FireAndForget);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await _db.KeyDeleteAsync([.. batch]);
            }

            await _db.PingAsync();
        }
        finally
        {
            await _redis.DisposeAsync();
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }

    private RedisKey User(long id) => _prefix + "user:" + id.ToString(CultureInfo.InvariantCulture);

    private RedisKey Post(long id) => _prefix + "post:" + id.ToString(CultureInfo.InvariantCulture);

    private RedisKey Feed(long id) => _prefix + "feed:" + id.ToString(CultureInfo.InvariantCulture);

    private RedisKey Timeline(long id) => _prefix + "posts:" + id.ToString(CultureInfo.InvariantCulture);

    private RedisKey Followers(long id) => _prefix + "followers:" + id.ToString(CultureInfo.InvariantCulture);

    private RedisKey Likers(long id) => _prefix + "likers:" + id.ToString(CultureInfo.InvariantCulture);

    private RedisKey LikeCount(long id) => _prefix + "like_ct:" + id.ToString(CultureInfo.InvariantCulture);

    private RedisKey Following(long id) => _prefix + "following:" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A post materialised from its hash, as a feed service would before rendering it.</summary>
    private sealed record BaselinePost(long Id, long AuthorId, string AuthorUsername, string AuthorFullName, string Caption,
        string[] Hashtags, string MediaUrl, int Width, int Height, long LikeCount, long CommentCount, string Status, DateTimeOffset CreatedAt)
    {
        public static BaselinePost? From(HashEntry[] hash)
        {
            if (hash.Length == 0)
            {
                return null;
            }

            var f = hash.ToDictionary(e => e.Name.ToString(), e => e.Value);
            return new BaselinePost((long)f["id"], (long)f["authorId"], f["authorUsername"].ToString(), f["authorFullName"].ToString(),
                f["caption"].ToString(), f["hashtags"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries), f["mediaUrl"].ToString(),
                (int)f["width"], (int)f["height"], (long)f["likeCount"], (long)f["commentCount"], f["status"].ToString(),
                DateTimeOffset.Parse(f["createdAt"].ToString(), CultureInfo.InvariantCulture));
        }
    }
}
