using Instagram.LoadTest.Reporting;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// One post, many likers: every user of the graph likes the same post (a seeded post of a non-celebrity), each
/// operation by the next user in turn, so the first pass is all new likes and later passes are idempotent repeats.
/// At the end the like count must equal the number of distinct likers (counts may lag: it is awaited for 10 s).
/// </summary>
public sealed class LikeStormScenario : Scenario
{
    public override string Name => "like-storm";

    public override string Description =>
        "Every user likes the same post (one operation = the next user's like); later passes repeat likes, which must change nothing.";

    public override string KeyMetric => "likes/s";

    public override string? Unsupported(ScenarioContext context) =>
        context.World.PostIds.Length == 0 ? "the graph has no seeded post to like (--posts 0)" : null;

    public override async Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var users = context.World.UserIds;
        var graph = context.World.Graph;
        var candidates = Enumerable.Range(0, graph.PostAuthors.Length).Where(j => !graph.IsCelebrity[graph.PostAuthors[j]]).Take(2).ToArray();
        var postId = context.World.PostIds[candidates[0]];
        var warmupPostId = context.World.PostIds[candidates[^1]];
        var system = context.System;
        long next = -1;
        long warmupNext = -1;
        var firstPassDone = 0;
        var result = await RunClosedLoopAsync(context, Name, ProgressTicker.AllOps, async (recorder, _, _) =>
        {
            if (!recorder.Enabled)
            {
                // The warm-up storms another post, so the measured run starts with no like on this one.
                var w = Interlocked.Increment(ref warmupNext);
                await recorder.MeasureAsync("like", ct => system.LikeAsync(users[w % users.Length], warmupPostId, ct));
                return;
            }

            var n = Interlocked.Increment(ref next);
            var user = users[n % users.Length];
            var repeat = n >= users.Length;
            if (repeat)
            {
                Interlocked.Exchange(ref firstPassDone, 1);
            }

            await recorder.MeasureAsync(repeat ? "like (repeat)" : "like", ct => system.LikeAsync(user, postId, ct));
        }, (recorder, seconds) => recorder.Ops.Where(o => o.Name.StartsWith("like", StringComparison.Ordinal)).Sum(o => o.Count) / seconds,
        latencyOp: "like");

        // Everyone who liked (warm-up included) counts once; wait for the count to settle.
        var likers = Math.Min(Interlocked.Read(ref next) + 1, users.Length);
        long count = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            count = await system.LikeAsync(users[0], postId, context.Cancellation);
            if (count == likers)
            {
                break;
            }

            await Task.Delay(200, context.Cancellation);
        }

        var note = string.Create(CultureInfo.InvariantCulture,
            $"like count after the storm: {count:N0} for {likers:N0} distinct likers ({(count == likers ? "consistent" : "MISMATCH")}){(firstPassDone == 1 ? "; every user liked, later operations were repeats" : "")}.");
        Console.WriteLine($"  [{context.Label(Name)}] {note}");
        var metrics = new Dictionary<string, double>(result.Metrics) { ["distinctLikers"] = likers, ["finalLikeCount"] = count };
        return result with { Metrics = metrics, Notes = [.. result.Notes, note] };
    }
}
