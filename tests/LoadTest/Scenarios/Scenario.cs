using Instagram.LoadTest.Reporting;
using Instagram.LoadTest.Seeding;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Scenarios;

/// <summary>What a scenario runs against: one seeded system and the options of the run.</summary>
public sealed class ScenarioContext
{
    public required RunOptions Options { get; init; }

    public required ISystemUnderTest System { get; init; }

    public required SeededWorld World { get; init; }

    public required CancellationToken Cancellation { get; init; }

    public string Label(string scenario) => $"{scenario} | {System.Name}";

    public long UserId(int index) => World.UserIds[index];
}

public abstract class Scenario
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The figure ours and the baseline are compared on, e.g. "feed reads/s".</summary>
    public abstract string KeyMetric { get; }

    /// <summary>Why this scenario cannot run on this system, or null when it can.</summary>
    public virtual string? Unsupported(ScenarioContext context) => null;

    public abstract Task<SystemResult> RunAsync(ScenarioContext context);

    /// <summary>
    /// The common shape of a measured run: a warm-up whose operations are not kept, then the closed loop with a
    /// progress line each second, an optional background activity, and the system's runtime figures at the end.
    /// </summary>
    protected static async Task<SystemResult> RunClosedLoopAsync(
        ScenarioContext context,
        string scenario,
        string mainOp,
        Func<Recorder, int, CancellationToken, Task> iteration,
        Func<Recorder, double, double> keyValue,
        Func<Recorder, CancellationToken, Task>? background = null,
        List<string>? notes = null,
        string? latencyOp = null,
        Func<Task>? drain = null)
    {
        var options = context.Options;
        var recorder = new Recorder();
        if (options.Warmup > TimeSpan.Zero)
        {
            recorder.Enabled = false;
            Console.WriteLine($"  [{context.Label(scenario)}] warming up for {options.Warmup.TotalSeconds:N0}s");
            using (var stopWarmUp = new CancellationTokenSource())
            {
                // The big celebrity posts during the warm-up too, so its first post on a fresh silo (the activations of
                // its timeline and media) is not the one measured.
                var warmUpPosts = BigCelebrityPublisher.Applies(context)
                    ? Task.Run(() => BigCelebrityPublisher.PostAsync(context, recorder, stopWarmUp.Token), CancellationToken.None)
                    : Task.CompletedTask;
                await LoadLoop.RunAsync(options.Concurrency, options.Warmup, null, (w, ct) => iteration(recorder, w, ct));
                await stopWarmUp.CancelAsync();
                await warmUpPosts;
            }

            recorder.Enabled = true;
        }

        var before = await RuntimeMetricsAsync(context);
        var sampler = new ResourceSampler(context.System.IsOurs ? options.ServerPid : null);
        TimeSpan elapsed;
        List<TimelinePoint> timeline;
        using (var stopBackground = new CancellationTokenSource())
        {
            var backgroundTask = Task.WhenAll(
                background is null ? Task.CompletedTask : Task.Run(() => background(recorder, stopBackground.Token), CancellationToken.None),
                BigCelebrityPublisher.Applies(context) ? Task.Run(() => BigCelebrityPublisher.RunAsync(context, recorder, stopBackground.Token), CancellationToken.None) : Task.CompletedTask);
            await using (var ticker = new ProgressTicker(context.Label(scenario), recorder, mainOp, latencyOp ?? mainOp, sampler))
            {
                elapsed = await LoadLoop.RunAsync(options.Concurrency, options.TimeLimit, options.Count, (w, ct) => iteration(recorder, w, ct));
                await stopBackground.CancelAsync();
                await backgroundTask;
                if (drain is not null)
                {
                    await drain(); // work the iterations started and the measurement still waits for (bounded by its caller)
                }

                timeline = [.. ticker.Timeline];
            }
        }

        var resources = sampler.Finish();
        var after = await RuntimeMetricsAsync(context);
        return BuildResult(context, recorder, mainOp, elapsed.TotalSeconds, keyValue(recorder, elapsed.TotalSeconds), timeline, resources, before, after, notes ?? []);
    }

    protected static SystemResult BuildResult(ScenarioContext context, Recorder recorder, string mainOp, double seconds, double key,
        IReadOnlyList<TimelinePoint> timeline, ResourceUsage resources, IReadOnlyDictionary<string, double> before,
        IReadOnlyDictionary<string, double> after, List<string> notes, IDictionary<string, double>? extraMetrics = null)
    {
        var metrics = new Dictionary<string, double>(after);
        if (before.TryGetValue("serverCpuSeconds", out var cpuBefore) && after.TryGetValue("serverCpuSeconds", out var cpuAfter))
        {
            metrics["serverCpuSeconds"] = cpuAfter - cpuBefore;
            metrics["serverCpuCoresUsed"] = seconds > 0 ? (cpuAfter - cpuBefore) / seconds : 0;
        }

        // Counters of the backing services (cumulative since their start): the run's share is after − before.
        foreach (var (name, value) in after.Where(m => m.Key.EndsWith(BackingServiceCounters.CumulativeSuffix, StringComparison.Ordinal)))
        {
            metrics.Remove(name);
            if (before.TryGetValue(name, out var start))
            {
                metrics[name[..^BackingServiceCounters.CumulativeSuffix.Length]] = value - start;
            }
        }

        foreach (var (name, value) in recorder.Counters)
        {
            metrics[$"{name}"] = value;
            metrics[$"{name}PerSecond"] = seconds > 0 ? value / seconds : 0;
        }

        foreach (var (name, value) in extraMetrics ?? new Dictionary<string, double>())
        {
            metrics[name] = value;
        }

        // Throughput per core-second of everything the system burnt (this process, the --server-pid process, redis-server):
        // comparable across runs when other processes take part of the machine.
        var cores = resources.CpuCoresUsed + (resources.ServerCpuCoresUsed ?? 0) + metrics.GetValueOrDefault("serverCpuCoresUsed");
        metrics["keyPerCoreSecond"] = cores > 0 ? key / cores : 0;

        var ops = recorder.Ops.Select(op => OpResult.From(op, seconds)).ToList();
        var errors = recorder.Ops.SelectMany(op => op.Errors.Select(e => (Key: $"{op.Name}: {e.Key}", e.Value)))
            .ToDictionary(e => e.Key, e => e.Value);
        var total = recorder.Ops.Sum(o => o.Count);
        return new SystemResult(context.System.Name, context.System.IsOurs, seconds, total, seconds > 0 ? total / seconds : 0, mainOp, key,
            ops, errors, timeline, resources, metrics, notes);
    }

    /// <summary>The system's runtime figures; a failure to read them is a note, not the end of the run.</summary>
    protected static async Task<IReadOnlyDictionary<string, double>> RuntimeMetricsAsync(ScenarioContext context)
    {
        try
        {
            return await context.System.RuntimeMetricsAsync(context.Cancellation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.WriteLine($"  [{context.System.Name}] runtime metrics unavailable: {ex.Message}");
            return new Dictionary<string, double>();
        }
    }

    /// <summary>Picks a uniformly random element; Random.Shared is thread-safe.</summary>
    protected static int Pick(int[] items) => items[Random.Shared.Next(items.Length)];
}
