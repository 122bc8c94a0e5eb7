using Instagram.LoadTest.Reporting;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// Non-celebrities post; what is measured is delivery: feed deliveries per second (one delivery = one post landing in
/// one follower's feed) and, per post, the time from the create call until the post is in its last follower's feed.
/// <list type="bullet">
/// <item>Ours through grains: writers post as fast as the create call allows while a <see cref="DeliveryTracker"/>
/// counts deliveries from the feeds' diagnostics (writers pause when more than <see cref="MaxBacklog"/> deliveries are
/// outstanding); every --probe-every'th post is also followed follower by follower with one-item page reads until the
/// last one has it ("delivery"). After the writers stop, the remaining deliveries drain and count too.</item>
/// <item>The baseline pushes synchronously, so a post is delivered when its create call returns.</item>
/// <item>Over HTTP there are no diagnostics: each writer waits until its post is on every follower's first feed page.</item>
/// </list>
/// With --big-author-followers N, an extra author followed by N otherwise idle users then posts --big-author-posts
/// times, one at a time, and each post's full delivery to all N is timed ("big-post delivery").
/// </summary>
public sealed class FanOutScenario : Scenario
{
    public const long MaxBacklog = 50_000;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    // After a kill, redelivery waits for the cluster to declare the silo dead and for the stream entries to be claimed.
    private static readonly TimeSpan DrainAfterKillLimit = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(60);
    private const int MaxConcurrentProbes = 16;

    public override string Name => "fanout";

    public override string Description =>
        "Non-celebrities post; feed deliveries/s and the time from publish until the post is in the last follower's feed.";

    public override string KeyMetric => "feed deliveries/s";

    public override string? Unsupported(ScenarioContext context) =>
        context.World.Graph.NonCelebrityAuthors.Length == 0 ? "the graph has no non-celebrity author with followers" : null;

    public override async Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var bigAuthor = context.Options.BigAuthorFollowers > 0 && (context.System.HasFeedDiagnostics || !context.System.PublishesAsynchronously)
            ? await BigAuthor.CreateAsync(context)
            : null;

        var result = context.System.HasFeedDiagnostics ? await RunTrackedAsync(context)
            : context.System.PublishesAsynchronously ? await RunProbedAsync(context)
            : await RunSynchronousAsync(context);

        if (context.Options.BigAuthorFollowers > 0 && bigAuthor is null)
        {
            return result with { Notes = [.. result.Notes, "big-author phase skipped: the HTTP API has no feed diagnostics to time 10,000 deliveries with."] };
        }

        return bigAuthor is null ? result : await bigAuthor.MeasureAsync(context, result);
    }

    // Ours through grains: open throttle, deliveries counted by the tracker, a sample of posts probed follower by follower.
    private async Task<SystemResult> RunTrackedAsync(ScenarioContext context)
    {
        var options = context.Options;
        var graph = context.World.Graph;
        var system = context.System;
        var tracker = new DeliveryTracker(system, context.World.UserIds);
        // Followers are readers: every feed is read once first, as its owner would, so the probes' first questions do
        // not rebuild 2,000 feeds inside the measured window (that showed as a 2 s tail of "delivery").
        await Parallel.ForEachAsync(context.World.UserIds, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = context.Cancellation },
            async (user, ct) => await system.ReadFeedAsync(user, 1, ct));
        await tracker.InitializeAsync(context.Cancellation);
        var recorder = new Recorder();
        using var stopTracker = new CancellationTokenSource();
        var tracking = tracker.RunAsync(stopTracker.Token);
        var probes = new List<Task>();
        var probing = 0;
        var writer = new PostWriter(context);
        var audit = new FeedAudit(system, context.World.UserIds, graph.Followers, options.FeedCapacity);

        async Task Iteration(int worker, CancellationToken stop)
        {
            while (tracker.Outstanding > MaxBacklog && !stop.IsCancellationRequested)
            {
                await Task.Delay(5, CancellationToken.None);
            }

            if (await writer.PublishAsync(recorder) is not (var authorIndex, var n, var postId, var started))
            {
                return;
            }

            tracker.Expect(graph.Followers[authorIndex]);
            if (recorder.Enabled)
            {
                audit.Record(postId, authorIndex);
            }

            if (!recorder.Enabled || n % options.ProbeEvery != 0)
            {
                return;
            }

            if (Interlocked.Increment(ref probing) > MaxConcurrentProbes)
            {
                Interlocked.Decrement(ref probing); // enough probes in flight: this post goes unprobed
                return;
            }

            var followers = graph.Followers[authorIndex].Select(context.UserId).ToArray();
            var probe = ProbeAsync(system, recorder, followers, postId, started).ContinueWith(_ => Interlocked.Decrement(ref probing), TaskScheduler.Default);
            lock (probes)
            {
                probes.Add(probe);
            }
        }

        if (options.Warmup > TimeSpan.Zero)
        {
            recorder.Enabled = false;
            Console.WriteLine($"  [{context.Label(Name)}] warming up for {options.Warmup.TotalSeconds:N0}s");
            await LoadLoop.RunAsync(options.Concurrency, options.Warmup, null, Iteration);
            var warmDrain = await tracker.DrainAsync(DrainLimit, context.Cancellation);
            Console.WriteLine($"  [{context.Label(Name)}] warm-up deliveries drained in {warmDrain.TotalSeconds:F1}s");
            recorder.Enabled = true;
        }

        var deliveredAtStart = tracker.Delivered;
        var expectedAtStart = tracker.ExpectedTotal;
        var before = await RuntimeMetricsAsync(context);
        var sampler = new ResourceSampler(options.ServerPid);
        TimeSpan publishing, drain;
        List<TimelinePoint> timeline;
        long deliveredWhilePublishing;
        using (var counting = new CancellationTokenSource())
        {
            // Turns the tracker's total into the recorder's "deliveries" counter, so the ticker shows deliveries/s.
            var feed = Task.Run(async () =>
            {
                var last = deliveredAtStart;
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
                try
                {
                    while (await timer.WaitForNextTickAsync(counting.Token))
                    {
                        var now = tracker.Delivered;
                        recorder.Add("deliveries", now - last);
                        last = now;
                    }
                }
                catch (OperationCanceledException)
                {
                }

                recorder.Add("deliveries", tracker.Delivered - last);
            }, CancellationToken.None);

            await using (var ticker = new ProgressTicker(context.Label(Name), recorder, "deliveries", "publish", sampler,
                () => string.Create(CultureInfo.InvariantCulture, $"  outstanding {tracker.Outstanding:N0}")))
            {
                var kill = options.KillPid is { } pid ? SiloKiller.KillAfterAsync(pid, options.KillAfter, context.Label(Name)) : Task.CompletedTask;
                publishing = await LoadLoop.RunAsync(options.Concurrency, options.TimeLimit, options.Count, Iteration);
                await kill;
                deliveredWhilePublishing = tracker.Delivered - deliveredAtStart;
                // A killed silo takes its feeds' counters with it: then only the audit can say when delivery is complete.
                drain = options.KillPid is null
                    ? await tracker.DrainAsync(DrainLimit, context.Cancellation)
                    : await DrainByAuditAsync(audit, context.Cancellation);
                await counting.CancelAsync();
                await feed;
                timeline = [.. ticker.Timeline];
            }
        }

        Task[] pending;
        lock (probes)
        {
            pending = [.. probes];
        }

        await Task.WhenAll(pending);
        await stopTracker.CancelAsync();
        await tracking;
        var resources = sampler.Finish();
        var after = await RuntimeMetricsAsync(context);

        var (audited, lost, duplicated) = await audit.CheckAsync(context.Cancellation);
        var delivered = options.KillPid is null ? tracker.Delivered - deliveredAtStart : audited - lost;
        var expected = tracker.ExpectedTotal - expectedAtStart;
        var seconds = (publishing + drain).TotalSeconds;
        var extra = new Dictionary<string, double>
        {
            ["expectedDeliveries"] = expected,
            ["deliveredDeliveries"] = delivered,
            ["undeliveredAfterDrain"] = expected - delivered,
            ["publishingSeconds"] = publishing.TotalSeconds,
            ["drainSeconds"] = drain.TotalSeconds,
            ["deliveriesPerSecondWhilePublishing"] = deliveredWhilePublishing / publishing.TotalSeconds,
            ["diagnosticsSampleErrors"] = tracker.SampleErrors,
            ["auditedDeliveries"] = audited,
            ["auditLost"] = lost,
            ["auditDuplicated"] = duplicated,
            ["meanFollowersPerPost"] = recorder.Op("publish").Count == 0 ? 0 : (double)expected / recorder.Op("publish").Count,
        };
        if (lost > 0 || duplicated > 0)
        {
            recorder.RecordError("audit", $"{lost:N0} deliveries lost and {duplicated:N0} duplicated over {audit.Posts:N0} posts' followers' feeds " +
                $"(missing posts include {string.Join(", ", audit.MissingPosts)})");
        }

        if (expected > delivered)
        {
            recorder.RecordError("delivery", $"{expected - delivered:N0} deliveries still missing {DrainLimit.TotalSeconds:N0}s after the last post");
        }

        var notes = new List<string>
        {
            $"deliveries/s = deliveries counted from the feeds' PushedItemsReceived / (publishing {publishing.TotalSeconds:F1}s + drain {drain.TotalSeconds:F1}s).",
            $"audit: every follower's feed read after the drain: {audited:N0} deliveries of {audit.Posts:N0} posts expected, {lost:N0} lost, {duplicated:N0} duplicated" +
                (options.KillPid is { } killed ? $" (silo {killed} killed {options.KillAfter.TotalSeconds:N0}s into the run)." : "."),
            $"delivery = create call to the last follower's feed, probed on every {options.ProbeEvery}th post with one-item page reads (the probes add load of their own).",
        };
        var result = BuildResult(context, recorder, "deliveries", publishing.TotalSeconds, delivered / seconds, timeline, resources, before, after, notes, extra);
        return result with { Seconds = seconds };
    }

    // Polls the feeds themselves until every accepted post is in every follower's feed (or the drain limit passes).
    private static async Task<TimeSpan> DrainByAuditAsync(FeedAudit audit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < DrainAfterKillLimit && (await audit.CheckAsync(cancellationToken)).Lost > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    // The baseline: the create call returns once every follower's feed holds the post.
    private Task<SystemResult> RunSynchronousAsync(ScenarioContext context)
    {
        var graph = context.World.Graph;
        var writer = new PostWriter(context);
        return RunClosedLoopAsync(context, Name, "deliveries", async (recorder, _, _) =>
        {
            if (await writer.PublishAsync(recorder) is (var authorIndex, _, _, var started))
            {
                recorder.RecordInterval("delivery", Stopwatch.GetElapsedTime(started));
                recorder.Add("deliveries", graph.Followers[authorIndex].Length);
            }
        }, (recorder, seconds) => recorder.Counters.GetValueOrDefault("deliveries") / seconds,
        notes: ["The baseline's create call pushes to every follower in one pipeline: delivery = publish."],
        latencyOp: "delivery");
    }

    // Over HTTP: writers post as fast as the Api accepts; every --probe-every'th post is followed to its last follower's
    // first feed page (a few at a time: each probe is a hydrated page read per follower). Without diagnostics the
    // deliveries themselves cannot be counted, so the key figure is the offered load: accepted posts x their followers.
    private async Task<SystemResult> RunProbedAsync(ScenarioContext context)
    {
        var graph = context.World.Graph;
        var system = context.System;
        var probes = new List<Task>();
        var probing = 0;
        var writer = new PostWriter(context);
        var result = await RunClosedLoopAsync(context, Name, "offeredDeliveries", async (recorder, _, _) =>
        {
            if (await writer.PublishAsync(recorder) is not (var authorIndex, var n, var postId, var started))
            {
                return;
            }

            recorder.Add("offeredDeliveries", graph.Followers[authorIndex].Length);
            if (!recorder.Enabled || n % context.Options.ProbeEvery != 0 || Interlocked.Increment(ref probing) > 4)
            {
                if (recorder.Enabled && n % context.Options.ProbeEvery == 0)
                {
                    Interlocked.Decrement(ref probing);
                }

                return;
            }

            var probe = ProbeAsync(system, recorder, [.. graph.Followers[authorIndex].Select(context.UserId)], postId, started)
                .ContinueWith(_ => Interlocked.Decrement(ref probing), TaskScheduler.Default);
            lock (probes)
            {
                probes.Add(probe);
            }
        }, (recorder, seconds) => recorder.Counters.GetValueOrDefault("offeredDeliveries") / seconds,
        notes: ["Over HTTP there are no feed diagnostics: the key figure is the offered load (accepted posts x followers per second), not verified deliveries; " +
                "delivery is timed on every --probe-every'th post (at most 4 at a time) by reading each follower's first feed page (GET /v1/feed?limit=20)."],
        latencyOp: "publish",
        drain: () =>
        {
            lock (probes)
            {
                return Task.WhenAll([.. probes]); // each probe gives up after a minute
            }
        });
        return result;
    }

    /// <summary>Reads each follower's feed until all hold the post; records "delivery" from <paramref name="started"/>.</summary>
    private static async Task<bool> ProbeAsync(ISystemUnderTest system, Recorder recorder, long[] followers, long postId, long started)
    {
        var remaining = followers.ToList();
        var delay = TimeSpan.FromMilliseconds(10);
        while (remaining.Count > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > ProbeLimit)
            {
                recorder.RecordError("delivery", $"not in every feed after {ProbeLimit.TotalSeconds:N0}s");
                return false;
            }

            await Task.Delay(delay);
            bool[] found;
            var asked = Stopwatch.GetTimestamp();
            try
            {
                found = await system.FeedsContainAsync([.. remaining], postId, CancellationToken.None).WaitAsync(Recorder.OperationTimeout);
                recorder.RecordInterval("probe round", Stopwatch.GetElapsedTime(asked)); // what the probing itself adds to "delivery"
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                found = new bool[remaining.Count]; // asked again next round
            }

            remaining = [.. remaining.Where((_, i) => !found[i])];
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 200));
        }

        recorder.RecordInterval("delivery", Stopwatch.GetElapsedTime(started));
        return true;
    }

    /// <summary>A post a writer published: whose (graph index), its number in this run, its id and when the create call began.</summary>
    private readonly record struct WrittenPost(int AuthorIndex, long Number, long PostId, long Started);

    /// <summary>What every writer of this scenario does per iteration: a random non-celebrity author posts one photo.</summary>
    private sealed class PostWriter(ScenarioContext context)
    {
        private long _published;

        /// <returns>The post, or null when preparing the media or the create call failed (the recorder has the error).</returns>
        public async Task<WrittenPost?> PublishAsync(Recorder recorder)
        {
            var system = context.System;
            var authorIndex = Pick(context.World.Graph.NonCelebrityAuthors);
            var author = context.UserId(authorIndex);
            var (mediaOk, media) = await recorder.MeasureAsync("media", ct => system.PrepareMediaAsync(author, ct));
            if (!mediaOk)
            {
                return null;
            }

            var n = Interlocked.Increment(ref _published);
            var started = Stopwatch.GetTimestamp();
            var (ok, postId) = await recorder.MeasureAsync("publish", ct => system.CreatePostAsync(author, media!, $"fan-out post {n} #fanout", ct));
            return ok ? new WrittenPost(authorIndex, n, postId, started) : null;
        }
    }

    /// <summary>An author followed by N users who follow nobody else, so each of their feeds counts exactly this author's posts.</summary>
    private sealed class BigAuthor(long authorId, long[] followers)
    {
        public static async Task<BigAuthor> CreateAsync(ScenarioContext context)
        {
            var system = context.System;
            var count = context.Options.BigAuthorFollowers;
            var first = context.World.Graph.UserCount;
            Console.WriteLine($"  [{context.Label("fanout")}] creating a big author with {count:N0} followers");
            var author = await system.CreateUserAsync(first, context.Cancellation);
            var followers = new long[count];
            await LoadLoop.ForEachAsync(Enumerable.Range(0, count).ToArray(), context.Options.SeedParallelism, "lurkers",
                async (i, ct) => followers[i] = await system.CreateUserAsync(first + 1 + i, ct), TimeSpan.FromMinutes(10), context.Cancellation);
            await LoadLoop.ForEachAsync(followers, context.Options.SeedParallelism, "follows",
                (f, ct) => Seeding.Seeder.WithRetriesAsync(() => system.FollowAsync(f, author, ct)), TimeSpan.FromMinutes(10), context.Cancellation);
            return new BigAuthor(author, followers);
        }

        public async Task<SystemResult> MeasureAsync(ScenarioContext context, SystemResult result)
        {
            var system = context.System;
            var recorder = new Recorder();
            var notes = new List<string>(result.Notes);
            var baseline = system.HasFeedDiagnostics
                ? await system.PushedItemsAsync(followers, context.Cancellation)
                : [];
            for (var k = 1; k <= context.Options.BigAuthorPosts; k++)
            {
                var media = await system.PrepareMediaAsync(authorId, context.Cancellation);
                var started = Stopwatch.GetTimestamp();
                var (ok, _) = await recorder.MeasureAsync("big-post publish", ct => system.CreatePostAsync(authorId, media, $"big post {k} #big", ct));
                if (!ok)
                {
                    continue;
                }

                if (system.HasFeedDiagnostics)
                {
                    await WaitForAllAsync(system, recorder, baseline, k, started);
                }
                else
                {
                    recorder.RecordInterval("big-post delivery", Stopwatch.GetElapsedTime(started));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [{context.Label("fanout")}] big post {k}/{context.Options.BigAuthorPosts}: {followers.Length:N0} feeds reached after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:N0} ms"));
            }

            var ops = result.Ops.Concat(recorder.Ops.Select(op => OpResult.From(op, result.Seconds))).ToList();
            var metrics = new Dictionary<string, double>(result.Metrics) { ["bigAuthorFollowers"] = followers.Length };
            var errors = new Dictionary<string, long>(result.Errors);
            foreach (var op in recorder.Ops)
            {
                foreach (var (kind, n) in op.Errors)
                {
                    errors[$"{op.Name}: {kind}"] = n;
                }
            }

            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"big-post delivery: {context.Options.BigAuthorPosts} posts by an author with {followers.Length:N0} followers, one at a time, each timed until all {followers.Length:N0} feeds counted it."));
            return result with { Ops = ops, Metrics = metrics, Errors = errors, Notes = notes };
        }

        private async Task WaitForAllAsync(ISystemUnderTest system, Recorder recorder, long[] baseline, int k, long started)
        {
            var remaining = Enumerable.Range(0, followers.Length).ToList();
            while (remaining.Count > 0)
            {
                if (Stopwatch.GetElapsedTime(started) > ProbeLimit)
                {
                    recorder.RecordError("big-post delivery", $"{remaining.Count:N0} feeds still without the post after {ProbeLimit.TotalSeconds:N0}s");
                    return;
                }

                await Task.Delay(5);
                var counts = await system.PushedItemsAsync([.. remaining.Select(i => followers[i])], CancellationToken.None);
                remaining = [.. remaining.Where((f, i) => counts[i] - baseline[f] < k)];
            }

            recorder.RecordInterval("big-post delivery", Stopwatch.GetElapsedTime(started));
        }
    }
}
