using Instagram.LoadTest.Reporting;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// Random users follow a random user they do not follow in the seeded graph, then unfollow them again: the graph's
/// write path (edge on both sides, counts, the feed taking in or dropping the author's posts). The seeded graph is
/// the same afterwards, and so is who is a celebrity: an account one follower short of the threshold is never
/// followed here, since the follow would make it a celebrity and the unfollow would not undo that (a celebrity is
/// pushed again only once it falls <c>Feed:CelebrityDemotionMargin</c> below the threshold), which would leave later
/// scenarios of the run expecting pushes that never come.
/// </summary>
public sealed class FollowScenario : Scenario
{
    public override string Name => "follow";

    public override string Description =>
        "Random users follow a random user they do not already follow, then unfollow them (follows/s; follow and unfollow latencies).";

    public override string KeyMetric => "follows/s";

    public override Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var graph = context.World.Graph;
        var users = context.World.UserIds;
        var seeded = graph.Following.Select(f => new HashSet<int>(f)).ToArray();
        var wouldBecomeCelebrity = Enumerable.Range(0, users.Length)
            .Select(i => !graph.IsCelebrity[i] && graph.Followers[i].Length + 1 >= graph.CelebrityThreshold).ToArray();
        return RunClosedLoopAsync(context, Name, "follow", async (recorder, _, _) =>
        {
            var follower = Random.Shared.Next(users.Length);
            int followee;
            do
            {
                followee = Random.Shared.Next(users.Length);
            }
            while (followee == follower || seeded[follower].Contains(followee) || wouldBecomeCelebrity[followee]);

            var (followed, _) = await recorder.MeasureAsync("follow", async ct =>
            {
                await context.System.FollowAsync(users[follower], users[followee], ct);
                return 0;
            });
            if (followed)
            {
                await recorder.MeasureAsync("unfollow", async ct =>
                {
                    await context.System.UnfollowAsync(users[follower], users[followee], ct);
                    return 0;
                });
            }
        }, (recorder, seconds) => recorder.Op("follow").Count / seconds);
    }
}
