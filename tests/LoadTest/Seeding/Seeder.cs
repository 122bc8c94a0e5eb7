using Instagram.LoadTest.Graph;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Seeding;

/// <summary>
/// Writes a <see cref="SocialGraph"/> into one system with bounded parallelism: users, then posts (waiting until
/// ours has published them all), then the follows. Posts go first so that following pulls each author's recent
/// posts into the follower's feed (the path a new follow takes anyway) instead of pushing every seeded post through
/// fan-out; the feeds end up the same and seeding is several times faster.
/// </summary>
public static class Seeder
{
    private static readonly TimeSpan PhaseLimit = TimeSpan.FromMinutes(20);

    public static async Task<SeededWorld> SeedAsync(ISystemUnderTest system, SocialGraph graph, RunOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"seeding {system.Name}: {graph.Describe()}");
        var phases = new Dictionary<string, double>();
        var userIds = new long[graph.UserCount];
        var started = Stopwatch.GetTimestamp();
        await LoadLoop.ForEachAsync(Enumerable.Range(0, graph.UserCount).ToArray(), options.SeedParallelism, "users",
            async (i, ct) => userIds[i] = await system.CreateUserAsync(i, ct), PhaseLimit, cancellationToken);
        phases["users"] = Stopwatch.GetElapsedTime(started).TotalSeconds;

        started = Stopwatch.GetTimestamp();
        var postIds = new long[graph.PostAuthors.Length];
        await LoadLoop.ForEachAsync(Enumerable.Range(0, graph.PostAuthors.Length).ToArray(), options.SeedParallelism, "posts", async (j, ct) =>
        {
            var author = userIds[graph.PostAuthors[j]];
            var media = await system.PrepareMediaAsync(author, ct);
            postIds[j] = await system.CreatePostAsync(author, media, SyntheticText.Caption(j), ct);
        }, PhaseLimit, cancellationToken);
        if (system.PublishesAsynchronously)
        {
            await WaitForPublicationAsync(system, graph, userIds, options, cancellationToken);
        }

        phases["posts"] = Stopwatch.GetElapsedTime(started).TotalSeconds;

        started = Stopwatch.GetTimestamp();
        await LoadLoop.ForEachAsync(graph.ShuffledEdges(options.RandomSeed), options.SeedParallelism, "follows",
            (edge, ct) => WithRetriesAsync(() => system.FollowAsync(userIds[edge.Follower], userIds[edge.Followee], ct)), PhaseLimit, cancellationToken);
        phases["follows"] = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var world = new SeededWorld(graph, userIds, postIds, phases, RunTag.Value);
        // The baseline's celebrity posts cost nothing by design either: the big celebrity is seeded on ours only.
        return options.CelebrityFollowers > 0 && system.IsOurs
            ? world with { Celebrity = await BigCelebrity.SeedAsync(system, world, options, phases, cancellationToken) }
            : world;
    }

    /// <summary>Publication runs off the create call: wait until every author's timeline holds its posts.</summary>
    private static async Task WaitForPublicationAsync(ISystemUnderTest system, SocialGraph graph, long[] userIds, RunOptions options, CancellationToken cancellationToken)
    {
        var expected = graph.PostAuthors.GroupBy(a => a).ToDictionary(g => g.Key, g => (long)g.Count());
        var pending = expected.Keys.ToList();
        var started = Stopwatch.GetTimestamp();
        while (pending.Count > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"{pending.Count} authors still have unpublished posts after 5 minutes.");
            }

            var counts = new long[pending.Count];
            await Parallel.ForAsync(0, pending.Count, new ParallelOptions { MaxDegreeOfParallelism = options.SeedParallelism, CancellationToken = cancellationToken },
                async (i, ct) => counts[i] = await system.PublishedPostCountAsync(userIds[pending[i]], ct));
            pending = [.. pending.Where((author, i) => counts[i] < expected[author])];
            if (pending.Count > 0)
            {
                await Task.Delay(250, cancellationToken);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  seed published {graph.PostAuthors.Length,6:N0} posts confirmed on their authors' timelines after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1}s"));
    }

    /// <summary>Following is idempotent, so a call that timed out under load is simply made again (at most three times).</summary>
    public static async Task WithRetriesAsync(Func<Task> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception ex) when (attempt < 3 && Recorder.KindOf(ex) is "timeout" or "TimeoutException" or "http connection")
            {
                await Task.Delay(100 * attempt);
            }
        }
    }
}

/// <summary>
/// A graph as written into one system: its ids for each user and seeded post index, how long each phase took, and the
/// run tag its usernames carry (<see cref="RunTag.UserName"/>).
/// </summary>
public sealed record SeededWorld(SocialGraph Graph, long[] UserIds, long[] PostIds, IReadOnlyDictionary<string, double> PhaseSeconds, string UserTag)
{
    /// <summary>The celebrity of <c>--celebrity-followers</c>, when one was seeded.</summary>
    public BigCelebrity? Celebrity { get; init; }

    public string UserName(int index) => RunTag.UserName(UserTag, index);
}
