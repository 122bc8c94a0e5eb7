using Instagram.LoadTest.Reporting;

namespace Instagram.LoadTest.Scenarios;

/// <summary>Random users read the first page of their home feed: the page's posts hydrated (post + author).</summary>
public sealed class FeedReadScenario : Scenario
{
    public override string Name => "feed-read";

    public override string Description =>
        "Random users read the first page of their home feed (--limit posts, default 20, hydrated with their authors).";

    public override string KeyMetric => "feed reads/s";

    public override Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var users = context.World.UserIds;
        var limit = context.Options.PageSize;
        return RunClosedLoopAsync(context, Name, "read", async (recorder, _, _) =>
        {
            var user = users[Random.Shared.Next(users.Length)];
            var (ok, items) = await recorder.MeasureAsync("read", ct => context.System.ReadFeedAsync(user, limit, ct));
            if (ok)
            {
                recorder.Add("hydratedPosts", items);
            }
        }, (recorder, seconds) => recorder.Op("read").Count / seconds);
    }
}
