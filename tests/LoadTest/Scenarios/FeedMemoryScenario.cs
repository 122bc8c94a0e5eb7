using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.LoadTest.Reporting;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// How much memory a full feed costs (embedded only, the silo shares the tool's heap): 25 authors with 50 posts each
/// (a cold feed takes in Feed:RebuildPostsPerAuthor = 50 per author, so following all 25 fills the 1,000-item cap),
/// --feed-memory-readers readers following all of them. The readers' FeedGrains are deactivated, everything else they
/// need stays active; the heap is measured after a full collection; all feeds are activated again (each rebuilds to
/// 1,000 items) and the heap is measured again; then they are deactivated and it is measured a third time. The growth
/// and the shrinkage divided by the readers, averaged, is the cost of one full FeedGrain activation: grain object,
/// cache, following set, stream subscription and Orleans' activation bookkeeping. The FeedCache alone is measured too.
/// </summary>
public sealed class FeedMemoryScenario : Scenario
{
    public const int Authors = 25;
    public const int PostsPerAuthor = 50;
    public const long TargetBytes = 32 * 1_024;

    // Feed:MaxItems as the silo has it by default: 25 authors x 50 posts fill it.
    private static readonly int FullFeedItems = new FeedOptions().MaxItems;

    public override string Name => "feed-memory";

    public override string Description =>
        "Memory of a full FeedGrain (1,000 items): heap after a full GC with the readers' feeds deactivated, then with all of them active and full.";

    public override string KeyMetric => "bytes per full FeedGrain";

    public override string? Unsupported(ScenarioContext context) =>
        context.System is GrainSystem { Name: "orleans-embedded" } ? null : "feed-memory needs --target embedded (the silo must share this process's heap)";

    public override async Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var system = (GrainSystem)context.System;
        var grains = system.Grains;
        var options = context.Options;
        var ct = context.Cancellation;
        var readers = options.FeedMemoryReaders;
        var sampler = new ResourceSampler(null);
        var started = Stopwatch.GetTimestamp();
        var offset = options.Users + options.BigAuthorFollowers + 10; // user indexes after the main graph's

        Console.WriteLine($"  [{context.Label(Name)}] {Authors} authors x {PostsPerAuthor} posts, {readers:N0} readers following all of them");
        var authors = new long[Authors];
        await LoadLoop.ForEachAsync(Enumerable.Range(0, Authors).ToArray(), options.SeedParallelism, "authors",
            async (i, c) => authors[i] = await system.CreateUserAsync(offset + i, c), TimeSpan.FromMinutes(5), ct);
        await LoadLoop.ForEachAsync(Enumerable.Range(0, Authors * PostsPerAuthor).ToArray(), options.SeedParallelism, "posts", async (j, c) =>
        {
            var author = authors[j % Authors];
            await system.CreatePostAsync(author, await system.PrepareMediaAsync(author, c), Seeding.SyntheticText.Caption(j), c);
        }, TimeSpan.FromMinutes(5), ct);
        await WaitUntilAsync(async () => (await Task.WhenAll(authors.Select(a => system.PublishedPostCountAsync(a, ct)))).All(n => n >= PostsPerAuthor),
            "every author's posts published");

        var readerIds = new long[readers];
        await LoadLoop.ForEachAsync(Enumerable.Range(0, readers).ToArray(), options.SeedParallelism, "readers",
            async (i, c) => readerIds[i] = await system.CreateUserAsync(offset + Authors + i, c), TimeSpan.FromMinutes(5), ct);
        var follows = readerIds.SelectMany(r => authors.Select(a => (r, a))).ToArray();
        await LoadLoop.ForEachAsync(follows, options.SeedParallelism, "follows",
            (f, c) => Seeding.Seeder.WithRetriesAsync(() => system.FollowAsync(f.r, f.a, c)), TimeSpan.FromMinutes(10), ct);

        // Following activated every reader's feed: deactivate those, keep what a feed rebuild reads (following lists, timelines) active.
        var management = grains.GetGrain<IManagementGrain>(0);
        var feedsBefore = await FeedActivationsAsync(management);
        await Parallel.ForEachAsync(readerIds, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (r, _) => await management.DeactivateGrain(grains.GetGrain<IFeedGrain>(r).GetGrainId()));
        await WaitUntilAsync(async () => await FeedActivationsAsync(management) <= feedsBefore - readers, "the readers' feeds deactivated");
        await Parallel.ForEachAsync(readerIds, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (r, _) => await grains.GetGrain<IFollowingGrain>(r).GetCountAsync());
        await Task.WhenAll(authors.Select(a => system.PublishedPostCountAsync(a, ct)));

        var activationsBefore = await management.GetTotalActivationCount();
        var heapBefore = GcHeap.AfterFullCollection();
        var diagnostics = new FeedDiagnostics[readers];
        await Parallel.ForAsync(0, readers, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct }, async (i, _) =>
        {
            // A feed is rebuilt at its first read, not when it activates. Asking whether it holds a post it cannot hold
            // rebuilds it without hydrating a page (whose silo-wide caches would be counted as the feeds' memory).
            var feed = grains.GetGrain<IFeedGrain>(readerIds[i]);
            await feed.HoldsAsync(0);
            diagnostics[i] = await feed.GetDiagnosticsAsync();
        });
        var heapAfter = GcHeap.AfterFullCollection();
        var (fewestItems, mostItems) = (diagnostics.Min(d => d.CachedItems), diagnostics.Max(d => d.CachedItems));
        if (fewestItems < FullFeedItems)
        {
            throw new InvalidOperationException(
                $"The feeds held {fewestItems:N0}-{mostItems:N0} items, not {FullFeedItems:N0}: what was measured is not a full feed.");
        }

        var activationsAfter = await management.GetTotalActivationCount();

        // The same difference the other way round: deactivate the full feeds again. Both directions agreeing means
        // nothing else on the heap drifted between the measurements.
        var feedsActive = await FeedActivationsAsync(management);
        await Parallel.ForEachAsync(readerIds, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (r, _) => await management.DeactivateGrain(grains.GetGrain<IFeedGrain>(r).GetGrainId()));
        await WaitUntilAsync(async () => await FeedActivationsAsync(management) <= feedsActive - readers, "the full feeds deactivated");
        var heapDeactivated = GcHeap.AfterFullCollection();
        var perFeedUp = (double)(heapAfter - heapBefore) / readers;
        var perFeedDown = (double)(heapAfter - heapDeactivated) / readers;
        var perFeed = (perFeedUp + perFeedDown) / 2;

        var cacheAlone = MeasureFeedCacheAlone(Math.Min(readers, 5_000), mostItems);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var metrics = new Dictionary<string, double>
        {
            ["readers"] = readers,
            ["bytesPerFullFeedGrain"] = perFeed,
            ["feedCacheAloneBytes"] = cacheAlone,
            ["cachedItemsMin"] = fewestItems,
            ["cachedItemsMean"] = diagnostics.Average(d => d.CachedItems),
            ["heapBeforeBytes"] = heapBefore,
            ["heapAfterBytes"] = heapAfter,
            ["heapDeactivatedBytes"] = heapDeactivated,
            ["bytesPerFeedOnActivation"] = perFeedUp,
            ["bytesPerFeedOnDeactivation"] = perFeedDown,
            ["activationsAdded"] = activationsAfter - activationsBefore,
            ["targetBytes"] = TargetBytes,
        };
        var verdict = perFeed <= TargetBytes ? "meets" : "misses";
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{readers:N0} FeedGrains activated with {diagnostics.Average(d => d.CachedItems):N0} items on average: the heap grew {perFeedUp:N0} bytes per feed on activation and shrank {perFeedDown:N0} per feed on deactivation; {perFeed:N0} bytes per full FeedGrain ({verdict} the {TargetBytes / 1024} KB target); {activationsAfter - activationsBefore:N0} activations were added."),
            string.Create(CultureInfo.InvariantCulture, $"The FeedCache alone (a List<FeedEntry> of 16-byte entries) holds {cacheAlone:N0} bytes when full."),
        };
        Console.WriteLine($"  [{context.Label(Name)}] {notes[0]}");
        Console.WriteLine($"  [{context.Label(Name)}] {notes[1]}");
        var recorder = new Recorder();
        return BuildResult(context, recorder, "feed", seconds, perFeed, [], sampler.Finish(),
            new Dictionary<string, double>(), new Dictionary<string, double>(), notes, metrics);
    }

    /// <summary>Retained bytes of one FeedCache filled with <paramref name="items"/> entries, measured over many copies.</summary>
    private static double MeasureFeedCacheAlone(int copies, int items)
    {
        var before = GcHeap.AfterFullCollection();
        var caches = new FeedCache[copies];
        for (var c = 0; c < copies; c++)
        {
            var cache = new FeedCache(FullFeedItems);
            for (var i = 0; i < items; i++)
            {
                cache.Insert(new FeedEntry(1_000_000 + i, i % Authors));
            }

            caches[c] = cache;
        }

        var after = GcHeap.AfterFullCollection();
        GC.KeepAlive(caches);
        return (double)(after - before - (copies * IntPtr.Size) - 24) / copies;
    }

    private static async Task<long> FeedActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("FeedGrain", StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"Gave up waiting for {what} after 2 minutes.");
            }

            await Task.Delay(200);
        }
    }
}
