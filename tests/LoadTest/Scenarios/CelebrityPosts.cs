using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// Celebrities posting once a second while a scenario runs. For ours a publish ends when the celebrity timeline shows
/// the post (what followers pull), so "{label} publish" is the time until a follower could read it.
/// </summary>
internal static class CelebrityPosts
{
    public static async Task PostEverySecondAsync(ISystemUnderTest system, long[] celebrities, string label, Recorder recorder, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var round = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop) && round++ < RunOptions.Bounds.MaxDurationSeconds)
            {
                await Task.WhenAll(celebrities.Select(celebrity => PostAsync(system, celebrity, label, round, recorder)));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task PostAsync(ISystemUnderTest system, long celebrity, string label, int round, Recorder recorder)
    {
        var (ok, media) = await recorder.MeasureAsync($"{label} media", ct => system.PrepareMediaAsync(celebrity, ct));
        if (!ok)
        {
            return;
        }

        await recorder.MeasureAsync($"{label} publish", async ct =>
        {
            var postId = await system.CreatePostAsync(celebrity, media!, $"{label} post {round} #celebrity", ct);
            if (system.IsOurs && system.HasFeedDiagnostics)
            {
                while (!await system.CelebrityTimelineHasAsync(celebrity, postId, ct))
                {
                    await Task.Delay(1, ct);
                }
            }
        });
    }
}
