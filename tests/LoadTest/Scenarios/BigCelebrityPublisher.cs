using Instagram.LoadTest.Seeding;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// The celebrity of <c>--celebrity-followers</c> posts once a second during every scenario on ours ("big celebrity
/// publish"), and a sample of its followers, who follow nobody else, shows whether any of those posts was pushed to a
/// feed: <c>bigCelebrityPushes</c> must stay 0, since a celebrity's posts are pulled from its timeline.
/// </summary>
internal static class BigCelebrityPublisher
{
    private const int SampledFollowers = 200;

    public static bool Applies(ScenarioContext context) => context.World.Celebrity is not null && context.System.IsOurs;

    public static async Task RunAsync(ScenarioContext context, Recorder recorder, CancellationToken stop)
    {
        var celebrity = context.World.Celebrity!;
        var system = context.System;
        var sample = Sample(celebrity);
        var pushedBefore = system.HasFeedDiagnostics ? await PushedAsync(context, sample) : 0;
        await PostAsync(context, recorder, stop);
        if (system.HasFeedDiagnostics)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), context.Cancellation); // a push, were there one, would have landed by now
            recorder.Add("bigCelebrityPushes", await PushedAsync(context, sample) - pushedBefore);
            recorder.Add("bigCelebritySampledFollowers", sample.Length);
        }
    }

    /// <summary>One post a second until <paramref name="stop"/>, each timed unless the recorder is off (a warm-up).</summary>
    public static Task PostAsync(ScenarioContext context, Recorder recorder, CancellationToken stop) =>
        CelebrityPosts.PostEverySecondAsync(context.System, [context.World.Celebrity!.Id], "big celebrity", recorder, stop);

    private static long[] Sample(BigCelebrity celebrity) => celebrity.Followers.Length == 0
        ? []
        : [.. Enumerable.Range(0, SampledFollowers).Select(_ => celebrity.Followers[Random.Shared.Next(celebrity.Followers.Length)]).Distinct()];

    private static async Task<long> PushedAsync(ScenarioContext context, long[] followers) =>
        (await context.System.PushedItemsAsync(followers, context.Cancellation)).Sum();
}
