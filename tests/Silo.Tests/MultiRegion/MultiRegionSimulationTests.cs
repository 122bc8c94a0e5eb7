using Xunit.Abstractions;

namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>
/// Two regions, each its own cluster, joined by replication links that delay, lose and duplicate changes (see
/// docs/multi-region.md). Users are homed in one region; the author writes from the other region while travelling.
/// </summary>
public sealed class MultiRegionSimulationTests(ITestOutputHelper output)
{
    private const int Posts = 16;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static readonly LinkFaults Faults = new(
        MinDelay: TimeSpan.FromMilliseconds(50),
        MaxDelay: TimeSpan.FromMilliseconds(150),
        MessageLoss: 0.25,
        AckLoss: 0.15,
        RetryAfter: TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task ALossyLinkConvergesAndTheTravellingAuthorAlwaysReadsTheirOwnWrites()
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var regions = await Task.WhenAll(Region.StartAsync(0, runId), Region.StartAsync(1, runId)); // clusters start in parallel
        await using var home = regions[0];
        await using var away = regions[1];
        await using var toAway = new ReplicationLink(home, away, Faults, seed: 1);
        await using var toHome = new ReplicationLink(away, home, Faults, seed: 2);
        toAway.Start();
        toHome.Start();
        var startup = clock.Elapsed;

        var author = home.Ids.NextId();
        var follower = away.Ids.NextId();
        foreach (var region in new[] { home, away })
        {
            await region.CreateAccountAsync(author);
            await region.CreateAccountAsync(follower);
        }

        // The follower, homed away, follows in their own region; the edge reaches the author's home by replication.
        await away.FollowAsync(follower, author);
        await Eventually.TrueAsync(() => home.IsFollowingAsync(follower, author), "the follow replicated to the author's home", Patience);

        // The author lands in the other region: writes go home, reads are served where they landed.
        var session = new UserSession(author, away.Index);
        var router = new ReadYourWritesRouter([home, away]);
        var written = new List<(long Id, string Caption, DateTimeOffset At)>();
        var convergence = new List<Task<TimeSpan>>();
        var staleLocalReads = 0;
        for (var i = 0; i < Posts; i++)
        {
            var caption = $"from abroad {i}";
            var postId = await router.PostAsync(session, caption);
            var writtenAt = DateTimeOffset.UtcNow;
            written.Add((postId, caption, writtenAt));

            // The local replica on its own would not show it yet...
            if (!(await away.OwnPostsAsync(author)).Contains(postId))
            {
                staleLocalReads++;
            }

            // ...the routed read always does, with every earlier post of the session.
            var own = await router.OwnPostsAsync(session);
            Assert.All(written, w => Assert.Contains(w.Id, own));
            convergence.Add(VisibleInFeedAsync(away, follower, postId, writtenAt));
        }

        var times = (await Task.WhenAll(convergence)).Order().ToList();

        // Every post reached the follower's feed in the other region exactly once, as written, despite duplicates.
        var feed = await away.FeedAsync(follower);
        foreach (var (id, caption, _) in written)
        {
            Assert.Equal(1, feed.Count(p => p == id));
            Assert.Equal(caption, (await away.PostAsync(id))?.Caption);
        }

        Assert.Equal(0, toAway.Failures);
        Assert.True(toAway.MessagesLost + toAway.AcksLost > 0, "the link lost nothing: the retries were not exercised");
        Assert.True(toAway.Applications > toAway.AcksLost, "every lost acknowledgement made a repeat application");
        Assert.True(staleLocalReads > 0, "the replica was never behind, so routing proved nothing");
        Assert.True(router.ServedFromHome > 0);
        Assert.All(times, t => Assert.True(t >= Faults.MinDelay, $"converged in {t}, faster than the link's delay"));

        // Caught up, the author's reads are local again.
        var localBefore = router.ServedLocally;
        await router.OwnPostsAsync(session);
        Assert.Equal(localBefore + 1, router.ServedLocally);

        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Posts} posts, link delay {Faults.MinDelay.TotalMilliseconds}-{Faults.MaxDelay.TotalMilliseconds} ms, loss {Faults.MessageLoss:P0}, ack loss {Faults.AckLoss:P0}"));
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"write at home -> in the follower's feed away: p50 {Ms(times, 0.5)} ms, p90 {Ms(times, 0.9)} ms, max {times[^1].TotalMilliseconds:N0} ms"));
        output.WriteLine($"link home->away: {toAway.MessagesLost} messages lost, {toAway.AcksLost} acknowledgements lost, {toAway.Applications} applications");
        output.WriteLine($"two regions started in {startup.TotalSeconds:N1} s, the simulation then took {(clock.Elapsed - startup).TotalSeconds:N1} s");
        output.WriteLine($"author's reads while away: {router.ServedFromHome} served from home, {router.ServedLocally} locally; {staleLocalReads} of {Posts} local reads right after a write were stale");
    }

    private static async Task<TimeSpan> VisibleInFeedAsync(Region region, long userId, long postId, DateTimeOffset since)
    {
        await Eventually.TrueAsync(async () => (await region.FeedAsync(userId)).Contains(postId), $"post {postId} in feed {userId} in {region.Name}", Patience);
        return DateTimeOffset.UtcNow - since;
    }

    private static string Ms(List<TimeSpan> sorted, double quantile) =>
        sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(quantile * sorted.Count))].TotalMilliseconds.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
