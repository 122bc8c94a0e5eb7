using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Seeding;

/// <summary>
/// One celebrity far above the graph's (issue #14 asks for 1,000,000 followers on the Cluster profile): new accounts that
/// follow nobody else, plus the fan club so that celebrity-read's readers pull its timeline too. Seeded in chunks, each
/// followed by a collection of idle activations, so that a million follows do not keep a million feeds in memory.
/// </summary>
public sealed record BigCelebrity(long Id, long[] Followers)
{
    private const int Chunk = 25_000;

    /// <summary>User indexes far above any graph's, so the usernames never collide with the graph's or the big author's.</summary>
    private const int FirstIndex = 20_000_000;

    public static async Task<BigCelebrity> SeedAsync(ISystemUnderTest system, SeededWorld world, RunOptions options,
        IDictionary<string, double> phases, CancellationToken cancellationToken)
    {
        var count = options.CelebrityFollowers;
        Console.WriteLine($"seeding a celebrity with {count:N0} followers on {system.Name}");
        var id = await system.CreateUserAsync(FirstIndex, cancellationToken);
        var fanClub = world.UserIds.Take(world.Graph.FanClubSize).ToArray();
        var newAccounts = Math.Max(0, count - fanClub.Length);
        var followers = new long[newAccounts];
        double userSeconds = 0, followSeconds = 0;
        for (var start = 0; start < newAccounts; start += Chunk)
        {
            var indexes = Enumerable.Range(start, Math.Min(Chunk, newAccounts - start)).ToArray();
            var started = Stopwatch.GetTimestamp();
            await LoadLoop.ForEachAsync(indexes, options.SeedParallelism, "celebrity's followers",
                async (i, ct) => followers[i] = await system.CreateUserAsync(FirstIndex + 1 + i, ct), TimeSpan.FromMinutes(30), cancellationToken);
            userSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;

            started = Stopwatch.GetTimestamp();
            await FollowAsync(system, indexes.Select(i => followers[i]).ToArray(), id, options, cancellationToken);
            followSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            await CollectIdleActivationsAsync(system, cancellationToken);
        }

        var fanClubStarted = Stopwatch.GetTimestamp();
        await FollowAsync(system, fanClub, id, options, cancellationToken);
        followSeconds += Stopwatch.GetElapsedTime(fanClubStarted).TotalSeconds;

        phases["celebrity users"] = userSeconds;
        phases["celebrity follows"] = followSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  celebrity seeded: {newAccounts:N0} accounts in {userSeconds:F0}s ({newAccounts / Math.Max(userSeconds, 0.001):N0}/s), " +
            $"{count:N0} follows in {followSeconds:F0}s ({count / Math.Max(followSeconds, 0.001):N0}/s)"));
        return new BigCelebrity(id, followers);
    }

    // Frees the chunk's activations before the next. Collecting a chunk's accounts can outlast the client's response
    // timeout; the silo goes on collecting, so a timeout only means the next chunk starts while it finishes.
    private static async Task CollectIdleActivationsAsync(ISystemUnderTest system, CancellationToken cancellationToken)
    {
        try
        {
            await system.MakeFeedsColdAsync(cancellationToken);
        }
        catch (TimeoutException)
        {
            Console.WriteLine("  (the collection of idle activations outlasted the response timeout; the silo finishes it meanwhile)");
        }
    }

    private static Task FollowAsync(ISystemUnderTest system, long[] followers, long celebrity, RunOptions options, CancellationToken cancellationToken) =>
        LoadLoop.ForEachAsync(followers, options.SeedParallelism, "celebrity's follows",
            (f, ct) => Seeder.WithRetriesAsync(() => system.FollowAsync(f, celebrity, ct)), TimeSpan.FromMinutes(30), cancellationToken);
}
