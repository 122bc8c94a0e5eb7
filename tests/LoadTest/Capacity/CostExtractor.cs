namespace Instagram.LoadTest.Capacity;

/// <summary>
/// Turns load-test results into per-action costs: for each figure, the newest runs of the scenario that measures it
/// (on the preferred target when there are any, else the other), the figure per run (a counter over the measured
/// window ÷ the operations in that window), and their median, which this VM's run-to-run spread calls for.
/// </summary>
public sealed class CostExtractor(IReadOnlyList<ResultRun> runs, string preferredTarget, int newestRuns)
{
    // A like-storm's repeats are likes too: each goes to the post's grain and is found to change nothing.
    private static readonly string[] Likes = ["like", "like (repeat)"];

    // Grains of content, shared by every reader of a post; the rest of a run's activations belong to its users.
    private static readonly string[] ContentGrains = ["activations.PostGrain", "activations.MediaGrain"];

    public MeasuredCosts Extract()
    {
        var feedRead = new OperationCost(MeasuredCosts.FeedRead)
        {
            SiloCoreSeconds = SiloCpu(["feed-read", "cold-feed-read"], ["read", "first read"]),
            PostgresCoreSeconds = Counter(["feed-read", "cold-feed-read"], "pg.cpuSeconds", ["read", "first read"]),
            PostgresRowWrites = Counter(["feed-read", "cold-feed-read"], "pg.rowWrites", ["read", "first read"]),
            RedisCommands = Counter(["feed-read", "cold-feed-read"], "redis.commands", ["read", "first read"]),
        };
        var delivery = new OperationCost(MeasuredCosts.Delivery)
        {
            // A fan-out run's CPU also publishes its posts: spread over the deliveries, as the run's followers per post did.
            SiloCoreSeconds = Median(["fanout"], r => r.SiloCpu is { } cpu && Deliveries(r) > 0 ? cpu.Seconds / Deliveries(r) : null,
                r => $"{r.SiloCpu?.Field} ÷ metrics.deliveries"),
        };
        var storedRowBytes = Median(["fanout", "follow", "like-storm", "feed-read"],
            r => r.Metric("pg.storageBytes") is { } bytes && r.Metric("pg.storageRows") is > 0 and var rows ? bytes / rows : null,
            _ => "metrics pg.storageBytes ÷ pg.storageRows") ?? Fallbacks.BytesPerStoredRow;
        var rowsPerPost = Counter(["fanout"], "pg.rowsInserted", ["publish"]) ?? Fallbacks.RowsInsertedPerPost;
        var post = new OperationCost(MeasuredCosts.Post)
        {
            SiloCoreSeconds = new Sourced(0, "counted in the delivery's figure (a fan-out run's CPU ÷ its deliveries)"),
            PostgresCoreSeconds = Counter(["fanout"], "pg.cpuSeconds", ["publish"]),
            PostgresRowWrites = Counter(["fanout"], "pg.rowWrites", ["publish"]) ?? Fallbacks.PostgresRowWritesPerPost,
            RedisCoreSeconds = Counter(["fanout"], "redis.cpuSeconds", ["publish"]),
            RedisCommands = Counter(["fanout"], "redis.commands", ["publish"]) ?? Fallbacks.RedisCommandsPerPost,
            StoredBytes = new Sourced(rowsPerPost.Value * storedRowBytes.Value, $"{rowsPerPost.Source} × bytes per row ({storedRowBytes.Source})"),
        };
        var graphChange = new OperationCost(MeasuredCosts.GraphChange)
        {
            SiloCoreSeconds = SiloCpu(["follow"], ["follow", "unfollow"]),
            PostgresCoreSeconds = Counter(["follow"], "pg.cpuSeconds", ["follow", "unfollow"]),
            PostgresRowWrites = Counter(["follow"], "pg.rowWrites", ["follow", "unfollow"]) ?? Fallbacks.PostgresRowWritesPerGraphChange,
            RedisCoreSeconds = Counter(["follow"], "redis.cpuSeconds", ["follow", "unfollow"]),
            RedisCommands = Counter(["follow"], "redis.commands", ["follow", "unfollow"]) ?? Fallbacks.RedisCommandsPerEvent,
            StoredBytes = Fallbacks.StoredBytesPerGraphChange,
        };
        var like = new OperationCost(MeasuredCosts.Like)
        {
            SiloCoreSeconds = SiloCpu(["like-storm"], Likes),
            PostgresCoreSeconds = Counter(["like-storm"], "pg.cpuSeconds", Likes),
            PostgresRowWrites = Counter(["like-storm"], "pg.rowWrites", Likes),
            RedisCoreSeconds = Counter(["like-storm"], "redis.cpuSeconds", Likes),
            RedisCommands = Counter(["like-storm"], "redis.commands", Likes) ?? Fallbacks.RedisCommandsPerEvent,
            StoredBytes = Fallbacks.StoredBytesPerLike,
        };

        return new MeasuredCosts
        {
            PerOperation = new[] { feedRead, delivery, post, graphChange, like }.ToDictionary(c => c.Operation),
            FollowersPerPostMeasured = Median(["fanout"], r => r.Metric("meanFollowersPerPost"), _ => "metrics.meanFollowersPerPost"),
            BytesPerActivation = Median(["feed-read", "fanout", "like-storm", "follow"], r => r.Metric("bytesPerActivation"),
                _ => "metrics.bytesPerActivation (GC heap after a full collection ÷ activations)", "embedded")
                ?? throw new InvalidOperationException("No embedded run with metrics.bytesPerActivation among the result files."),
            // Every user's feed is active in a feed-read run: the activations other than content ÷ FeedGrains = grains per user.
            // Embedded runs first: a cluster's counts also hold grains earlier runs on the same silo left behind.
            ActivationsPerOnlineUser = Median(["feed-read"], r => r.Metric("activations.FeedGrain") is > 0 and var feeds
                    ? (r.Metric("activations") - ContentGrains.Sum(g => r.Metric(g) ?? 0)) / feeds : null,
                _ => "(metrics.activations − PostGrain − MediaGrain activations) ÷ metrics.activations.FeedGrain", "embedded")
                ?? throw new InvalidOperationException("No feed-read run with activation counts among the result files."),
            FullFeedGrainBytes = Median(["feed-memory"], r => r.Metric("bytesPerFullFeedGrain"), _ => "metrics.bytesPerFullFeedGrain")
                ?? Fallbacks.FullFeedGrainBytes,
            ApiCoreSecondsPerRequest = MedianOf(runs.Where(r => r.IsOurs && r.Target == "http" && r.ServerCpuSeconds is not null && r.Operations() > 0),
                    r => r.ServerCpuSeconds / r.Operations(), "resources.serverCpuSeconds (the Api, --server-pid) ÷ operations", "http")
                ?? Fallbacks.ApiCoreSecondsPerRequest,
            PostgresRowWritesPerCoreSecond = Fallbacks.PostgresRowWritesPerCoreSecond,
            // The baseline's fan-out is two Redis commands per delivery (ZADD + ZREMRANGEBYRANK, pipelined), and the run
            // records redis-server's CPU: the cheapest commands Redis runs, so an optimistic rate for stream commands.
            RedisCommandsPerCoreSecond = MedianOf(runs.Where(r => !r.IsOurs && r.Scenario == "fanout" && r.Metric("serverCpuSeconds") is > 0),
                    r => 2 * r.KeyValue * r.Seconds / r.Metric("serverCpuSeconds"), "2 × baseline deliveries ÷ metrics.serverCpuSeconds (redis-server INFO)", "baseline")
                ?? Sourced.Assumed(100_000, "100,000 small commands per Redis core-second"),
        };
    }

    private static double Deliveries(ResultRun run) => run.Metric("deliveries") ?? run.KeyValue * run.Seconds;

    private Sourced? SiloCpu(string[] scenarios, string[] ops) =>
        Median(scenarios, r => r.SiloCpu is { } cpu && r.Count(ops) > 0 ? cpu.Seconds / r.Count(ops) : null,
            r => $"{r.SiloCpu?.Field} ÷ ops {string.Join(" + ", ops)}");

    private Sourced? Counter(string[] scenarios, string metric, string[] ops) =>
        Median(scenarios, r => r.Metric(metric) is { } value && r.Count(ops) > 0 ? value / r.Count(ops) : null,
            _ => $"metrics.{metric} ÷ ops {string.Join(" + ", ops)}");

    /// <summary>
    /// The median over the newest runs of our system in these scenarios that have the figure, from the preferred
    /// target (the run's preferred one unless given) if any run there has it, else from the other.
    /// </summary>
    private Sourced? Median(string[] scenarios, Func<ResultRun, double?> figure, Func<ResultRun, string> field, string? target = null)
    {
        var candidates = runs.Where(r => r.IsOurs && scenarios.Contains(r.Scenario) && figure(r) is not null).ToList();
        var preferred = candidates.Where(r => r.Target == (target ?? preferredTarget)).ToList();
        var chosen = preferred.Count > 0 ? preferred : candidates;
        return chosen.Count == 0 ? null : MedianOf(chosen, figure, field(chosen[0]), $"{chosen[0].Target} {string.Join("/", scenarios)}");
    }

    private Sourced? MedianOf(IEnumerable<ResultRun> candidates, Func<ResultRun, double?> figure, string field, string what)
    {
        var newest = candidates.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.File, StringComparer.Ordinal).Take(newestRuns).ToList();
        if (newest.Count == 0)
        {
            return null;
        }

        var values = newest.Select(r => figure(r)!.Value).Order().ToList();
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        var files = string.Join(", ", newest.Select(r => r.File).Distinct());
        return new Sourced(median, $"median of {newest.Count} {what} run(s) [{files}]: {field}");
    }
}
