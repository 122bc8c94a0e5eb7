using Instagram.LoadTest.Graph;
using Instagram.LoadTest.Reporting;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// A restart's worth of cold feeds: the read path is exercised once on other users' feeds (so what is timed is cold
/// feeds, not a cold JIT), every idle activation in the cluster is collected, then each reader's first read
/// is timed ("first read": the feed is rebuilt before it answers), then reads go on at random ("read") so the
/// throughput-per-second line shows how soon it is back to warm. With <c>--following N</c> the readers are the first
/// 200 users, each following N more accounts; otherwise every user.
/// </summary>
public sealed class ColdFeedReadScenario : Scenario
{
    public override string Name => "cold-feed-read";

    public override string Description =>
        "Every feed made cold (all idle activations collected), then each reader's first read timed, then random reads until the run ends.";

    public override string KeyMetric => "feed reads/s";

    public override string? Unsupported(ScenarioContext context) =>
        !context.System.IsOurs ? "the baseline has no cold state to measure"
        : context.Options.Warmup > TimeSpan.Zero ? "run it with --warmup 0: a warm-up would read the cold feeds unmeasured"
        : null;

    public override async Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var users = context.World.UserIds;
        var readers = context.Options.Following > 0 ? Math.Min(users.Length, SocialGraph.ColdReaders) : users.Length;
        var order = Enumerable.Range(0, readers).OrderBy(_ => Random.Shared.Next()).ToArray();
        var next = -1;
        var limit = context.Options.PageSize;
        var notes = new List<string>();
        var others = Enumerable.Range(readers, users.Length - readers).Take(100).DefaultIfEmpty(0).ToArray();
        await Parallel.ForEachAsync(others, new ParallelOptions { MaxDegreeOfParallelism = context.Options.Concurrency, CancellationToken = context.Cancellation },
            async (i, ct) => await context.System.ReadFeedAsync(users[i], limit, ct));
        if (!await context.System.MakeFeedsColdAsync(context.Cancellation))
        {
            notes.Add("this system cannot be made cold: every read is warm");
        }

        return await RunClosedLoopAsync(context, Name, "read", async (recorder, _, _) =>
        {
            var i = Interlocked.Increment(ref next);
            var first = i < order.Length;
            var user = users[first ? order[i] : Random.Shared.Next(readers)];
            await recorder.MeasureAsync(first ? "first read" : "read", ct => context.System.ReadFeedAsync(user, limit, ct));
        }, (recorder, seconds) => (recorder.Op("first read").Count + recorder.Op("read").Count) / seconds, notes: notes, latencyOp: "first read");
    }
}
