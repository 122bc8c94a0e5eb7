using Instagram.LoadTest.Reporting;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// Viewers scroll the reels feed: a new session, up to <see cref="PagesPerSession"/> pages of <see cref="Limit"/>, and
/// a watch of a random part of each reel shown. Before the run, random users publish <see cref="SeededReels"/> reels
/// (vertical videos registered as stored), and one of them is the "viral" reel every session also watches, so the
/// run shows the watch path under one hot reel. A reel that comes twice within one session is counted as a repeat
/// (there must be none).
/// </summary>
public sealed class ReelsReadScenario : Scenario
{
    private const int Limit = 10;
    private const int PagesPerSession = 3;
    private const int SeededReels = 200;

    public override string Name => "reels-read";

    public override string Description =>
        $"Viewers page through the reels feed ({PagesPerSession} pages of {Limit} per session) and watch each reel shown; every session also watches one viral reel.";

    public override string KeyMetric => "reel pages/s";

    public override string? Unsupported(ScenarioContext context) =>
        context.System.HasReels ? null : "reels are driven through grain calls only (ours, embedded or cluster)";

    public override async Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var system = context.System;
        var users = context.World.UserIds;
        var reels = await SeedAsync(context);
        var viral = reels[0];

        return await RunClosedLoopAsync(context, Name, "reels page", async (recorder, _, _) =>
        {
            var viewer = users[Random.Shared.Next(users.Length)];
            var served = new HashSet<long>();
            long? cursor = null;
            for (var page = 0; page < PagesPerSession; page++)
            {
                var (ok, reelsPage) = await recorder.MeasureAsync("reels page", ct => system.ReadReelsAsync(viewer, cursor, Limit, ct));
                if (!ok || reelsPage is null)
                {
                    return;
                }

                foreach (var (reelId, durationMs) in reelsPage.Reels)
                {
                    recorder.Add(served.Add(reelId) ? "reelsServed" : "repeatsWithinASession", 1);
                    await recorder.MeasureAsync("watch", ct => system.WatchReelAsync(viewer, reelId, Random.Shared.Next(durationMs + 1), ct));
                }

                cursor = reelsPage.NextCursor;
                if (cursor is null)
                {
                    break;
                }
            }

            await recorder.MeasureAsync("watch (viral reel)", ct => system.WatchReelAsync(viewer, viral.ReelId, Random.Shared.Next(viral.DurationMs + 1), ct));
        }, (recorder, seconds) => recorder.Op("reels page").Count / seconds);
    }

    // Reels of 5-60 s by random users; then waits (bounded) until the pool serves them, since reels reach it through
    // the post-events stream.
    private static async Task<(long ReelId, int DurationMs)[]> SeedAsync(ScenarioContext context)
    {
        var users = context.World.UserIds;
        var started = Stopwatch.GetTimestamp();
        var reels = new List<(long, int)>();
        foreach (var chunk in Enumerable.Range(0, SeededReels).Chunk(32))
        {
            reels.AddRange(await Task.WhenAll(chunk.Select(async _ =>
            {
                var durationMs = Random.Shared.Next(5_000, 60_001);
                return (await context.System.CreateReelAsync(users[Random.Shared.Next(users.Length)], durationMs, context.Cancellation), durationMs);
            })));
        }

        Console.WriteLine($"  [{context.Label("reels-read")}] seeded {reels.Count} reels in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1}s");
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30)
               && (await context.System.ReadReelsAsync(users[0], null, Limit, context.Cancellation)).Reels.Count < Limit)
        {
            await Task.Delay(200, context.Cancellation);
        }

        return [.. reels];
    }
}
