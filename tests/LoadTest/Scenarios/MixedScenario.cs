using Instagram.LoadTest.Reporting;

namespace Instagram.LoadTest.Scenarios;

/// <summary>About 80:20 reads to writes (--read-ratio): feed reads by random users, posts by random non-celebrities.</summary>
public sealed class MixedScenario : Scenario
{
    public override string Name => "mixed";

    public override string Description =>
        "Each operation is a feed read (probability --read-ratio, default 0.8) by a random user, or a new post (photo + post) by a random non-celebrity.";

    public override string KeyMetric => "operations/s";

    public override Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var users = context.World.UserIds;
        var authors = context.World.Graph.NonCelebrityAuthors.Select(context.UserId).ToArray();
        var limit = context.Options.PageSize;
        var readRatio = context.Options.ReadRatio;
        var system = context.System;
        long posts = 0;
        return RunClosedLoopAsync(context, Name, ProgressTicker.AllOps, async (recorder, _, _) =>
        {
            if (Random.Shared.NextDouble() < readRatio || authors.Length == 0)
            {
                var user = users[Random.Shared.Next(users.Length)];
                var (ok, items) = await recorder.MeasureAsync("read", ct => system.ReadFeedAsync(user, limit, ct));
                if (ok)
                {
                    recorder.Add("hydratedPosts", items);
                }
            }
            else
            {
                var author = authors[Random.Shared.Next(authors.Length)];
                var n = Interlocked.Increment(ref posts);
                await recorder.MeasureAsync("publish", async ct =>
                {
                    var media = await system.PrepareMediaAsync(author, ct);
                    await system.CreatePostAsync(author, media, $"mixed post {n} #mixed", ct);
                });
            }
        }, (recorder, seconds) => recorder.Ops.Sum(o => o.Count) / seconds,
        notes: ["publish = upload/register the photo, then create the post (ours answers before fan-out; the baseline after its pipelined fan-out)."],
        latencyOp: "read");
    }
}
