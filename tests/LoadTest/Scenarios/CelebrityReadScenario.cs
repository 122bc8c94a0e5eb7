using Instagram.LoadTest.Reporting;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// The hot spot: every reader is in the fan club, so every read merges the timelines of the same celebrities. Meanwhile
/// each celebrity posts once a second, and the time until the post shows on its timeline is measured ("celebrity publish").
/// </summary>
public sealed class CelebrityReadScenario : Scenario
{
    public override string Name => "celebrity-read";

    public override string Description =>
        "Fan-club members (who all follow the same celebrities) read their feeds; each celebrity posts once a second meanwhile.";

    public override string KeyMetric => "feed reads/s";

    public override string? Unsupported(ScenarioContext context) => context.World.Graph.Celebrities.Length == 0
        ? $"the graph has no celebrities (the threshold {context.Options.CelebrityThreshold:N0} is not below --users); pass e.g. --celebrity-threshold {Math.Max(2, context.Options.Users / 4)}"
        : null;

    public override Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var graph = context.World.Graph;
        var readers = context.World.UserIds.Take(graph.FanClubSize).ToArray();
        var celebrities = graph.Celebrities.Select(context.UserId).ToArray();
        var limit = context.Options.PageSize;
        var system = context.System;
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{readers.Length:N0} readers, each following all {celebrities.Length} celebrities."),
        };
        if (system.IsOurs && !system.HasFeedDiagnostics)
        {
            notes.Add("celebrity publish = the create call only (the HTTP API does not expose celebrity timelines).");
        }

        return RunClosedLoopAsync(context, Name, "read", async (recorder, _, _) =>
        {
            var user = readers[Random.Shared.Next(readers.Length)];
            var (ok, items) = await recorder.MeasureAsync("read", ct => system.ReadFeedAsync(user, limit, ct));
            if (ok)
            {
                recorder.Add("hydratedPosts", items);
            }
        }, (recorder, seconds) => recorder.Op("read").Count / seconds,
        background: (recorder, stop) => CelebrityPosts.PostEverySecondAsync(system, celebrities, "celebrity", recorder, stop),
        notes: notes);
    }
}
