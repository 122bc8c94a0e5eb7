using Instagram.LoadTest.Graph;
using Instagram.LoadTest.Reporting;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// A restart's worth of cold feeds: the cold path is rehearsed on other users' feeds first (so what is timed is cold
/// feeds, not a cold JIT), every idle activation in the cluster is collected, then each reader's first read
/// is timed ("first read": the feed is rebuilt before it answers), then reads go on at random ("read") so the
/// throughput-per-second line shows how soon it is back to warm. With <c>--following N</c> the readers are the first
/// 200 users, each following N more accounts; otherwise every user. With <c>--restart-pid</c> the cold state is a real
/// restart instead: warm reads of the same readers are measured first, the silo is killed, and the clock starts when
/// the cluster answers again (the silo's restart loop brings it back; the tester stays up, as an Api would).
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
        var others = Enumerable.Range(readers, users.Length - readers).DefaultIfEmpty(0).Select(i => users[i]).ToArray();
        var restart = context.Options.RestartPid is { } pid ? await RestartAsync(context, pid, users[..readers], others[0]) : null;
        if (restart is null)
        {
            await RehearseAsync(context, others);
        }

        if (restart is null && !await context.System.MakeFeedsColdAsync(context.Cancellation))
        {
            notes.Add("this system cannot be made cold: every read is warm");
        }

        Console.WriteLine($"  [{context.Label(Name)}] timing the first read of each of {readers} readers' feeds, then reads at random");

        var result = await RunClosedLoopAsync(context, Name, "read", async (recorder, _, _) =>
        {
            var i = Interlocked.Increment(ref next);
            var first = i < order.Length;
            var user = users[first ? order[i] : Random.Shared.Next(readers)];
            await recorder.MeasureAsync(first ? "first read" : "read", ct => context.System.ReadFeedAsync(user, limit, ct));
        }, (recorder, seconds) => (recorder.Op("first read").Count + recorder.Op("read").Count) / seconds, notes: notes, latencyOp: "first read");
        return restart is null ? result : WithRecovery(result, restart);
    }

    private sealed record Restart(double WarmReadsPerSecond, double SecondsUntilAnswered);

    // A silo started moments ago spends most of a core on the JIT for half a minute under load, so the warm rate is
    // taken after that.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RehearsalRound = TimeSpan.FromSeconds(5);
    private const int RehearsalRounds = 4;
    private static readonly TimeSpan WarmMeasurement = TimeSpan.FromSeconds(10);

    // Warm throughput of the same readers first (their feeds built, the read path compiled on both sides), then the
    // kill, then polling until a read answers: that moment is second 0 of the cold run.
    private static async Task<Restart> RestartAsync(ScenarioContext context, int pid, long[] readers, long probeUser)
    {
        var label = context.Label("cold-feed-read");
        Console.WriteLine($"  [{label}] reading warm for {WarmUp.TotalSeconds:N0}s, then measuring warm reads for {WarmMeasurement.TotalSeconds:N0}s");
        await ReadForAsync(context, readers, WarmUp);
        var warm = await ReadForAsync(context, readers, WarmMeasurement);
        Console.WriteLine($"  [{label}] warm: {warm:N0} reads/s");

        await SiloKiller.KillAfterAsync(pid, TimeSpan.Zero, label);
        var killed = Stopwatch.GetTimestamp();
        var deadline = TimeSpan.FromMinutes(3);
        while (true)
        {
            // A call to a gateway that is down may hang until the client's own timeout: give each try one second.
            var read = context.System.ReadFeedAsync(probeUser, 1, context.Cancellation);
            if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(1), context.Cancellation)) == read && read.IsCompletedSuccessfully)
            {
                break;
            }

            _ = read.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default); // a late failure is expected, not news
            if (Stopwatch.GetElapsedTime(killed) > deadline)
            {
                throw new TimeoutException($"Nothing answered within {deadline.TotalMinutes:N0} minutes of killing silo {pid}: is it run under a restart loop?");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), context.Cancellation);
        }

        var answered = Stopwatch.GetElapsedTime(killed).TotalSeconds;
        Console.WriteLine($"  [{label}] the cluster answered {answered:N1}s after the kill");
        return new Restart(warm, answered);
    }

    // A silo that has been up a while has its whole cold path (activating a feed, its following list and the viewer's
    // lists, the rebuild, and collecting idle activations) compiled at the JIT's top tier. One read of each other feed
    // would not get it there: a method is promoted after 30 calls and again after 30 more with profiling, and 400
    // activations in the first second of a run come and go before the compiler catches up. So the other users'
    // feeds are read and made cold a few times over; what is timed afterwards is cold feeds, not a cold JIT (the
    // restart variant times that).
    private static async Task RehearseAsync(ScenarioContext context, long[] others)
    {
        Console.WriteLine($"  [{context.Label("cold-feed-read")}] rehearsing on other users' feeds: {RehearsalRounds} rounds of {RehearsalRound.TotalSeconds:N0}s reads, each ended by making them cold");
        // The measured phase starts by reading the cluster's and the backing services' counters: read once here, so its
        // clients are compiled and connected before then rather than during the first reads.
        await RuntimeMetricsAsync(context);
        for (var round = 0; round < RehearsalRounds; round++)
        {
            // The last round is ended by the collection that makes the readers' feeds cold.
            if (round > 0)
            {
                await context.System.MakeFeedsColdAsync(context.Cancellation);
            }

            await ReadForAsync(context, others, RehearsalRound);
        }
    }

    // Timed as the measured reads are (and thrown away), so that the tester's own measuring code is compiled by the
    // time it counts: on two cores, its JIT would take CPU from the silo during the very second that is measured.
    private static async Task<double> ReadForAsync(ScenarioContext context, long[] readers, TimeSpan duration)
    {
        var recorder = new Recorder();
        var elapsed = await LoadLoop.RunAsync(context.Options.Concurrency, duration, null, (_, _) => recorder.MeasureAsync("read",
            ct => context.System.ReadFeedAsync(readers[Random.Shared.Next(readers.Length)], context.Options.PageSize, ct)));
        return recorder.Op("read").Count / elapsed.TotalSeconds;
    }

    // How soon after the cluster answered again reads were back to 80 % of the warm rate (the issue's restart target).
    private static SystemResult WithRecovery(SystemResult result, Restart restart)
    {
        var threshold = 0.8 * restart.WarmReadsPerSecond;
        var recovered = result.Timeline.FirstOrDefault(point => point.OpsPerSecond >= threshold);
        var metrics = new Dictionary<string, double>(result.Metrics)
        {
            ["warmReadsPerSecond"] = Math.Round(restart.WarmReadsPerSecond),
            ["secondsFromKillToAnswer"] = Math.Round(restart.SecondsUntilAnswered, 1),
            ["secondsTo80PercentOfWarm"] = recovered?.Second ?? -1,
        };
        var notes = new List<string>(result.Notes)
        {
            $"restart: warm {restart.WarmReadsPerSecond:N0} reads/s before the kill; answered {restart.SecondsUntilAnswered:N1}s after it; " +
            (recovered is null ? $"never back to 80 % ({threshold:N0} reads/s) within the run." : $"back to 80 % ({threshold:N0} reads/s) in second {recovered.Second:N0} after that."),
        };
        return result with { Metrics = metrics, Notes = notes };
    }
}
