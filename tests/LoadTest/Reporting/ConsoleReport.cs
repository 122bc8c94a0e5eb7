namespace Instagram.LoadTest.Reporting;

/// <summary>The end-of-scenario tables on the console.</summary>
public static class ConsoleReport
{
    public static void Print(ScenarioReport scenario)
    {
        Console.WriteLine();
        Console.WriteLine($"== {scenario.Name}: {scenario.Description}");
        foreach (var result in scenario.Results)
        {
            Console.WriteLine();
            Console.WriteLine(F($"-- {result.System}: {scenario.KeyMetric} = {result.KeyValue:N1}   ({result.Operations:N0} operations in {result.Seconds:F1}s, {result.OpsPerSecond:N0}/s)"));
            Console.WriteLine(F($"   {"operation",-28} {"count",10} {"per s",9} {"mean",8} {"p50",8} {"p90",8} {"p99",8} {"p99.9",8} {"max",9}  (ms)"));
            foreach (var op in result.Ops)
            {
                Console.WriteLine(F($"   {op.Name,-28} {op.Count,10:N0} {op.PerSecond,9:N0} {op.MeanMs,8:F2} {op.P50Ms,8:F2} {op.P90Ms,8:F2} {op.P99Ms,8:F2} {op.P999Ms,8:F2} {op.MaxMs,9:F2}"));
            }

            Console.WriteLine(result.Errors.Count == 0
                ? "   errors: none"
                : "   errors: " + string.Join("; ", result.Errors.Select(e => F($"{e.Key} x{e.Value:N0}"))));
            var r = result.Resources;
            var server = r.ServerCpuCoresUsed is { } sc ? F($"; server process {sc:F2} cores, peak RSS {Mb(r.ServerPeakRssBytes ?? 0)}") : "";
            var redis = result.Metrics.TryGetValue("serverCpuCoresUsed", out var rc) ? F($"; redis-server {rc:F2} cores") : "";
            Console.WriteLine(F($"   process: {r.CpuCoresUsed:F2} cores ({r.CpuPercentOfMachine:F0}% of {Environment.ProcessorCount}), peak working set {Mb(r.PeakWorkingSetBytes)}, GC heap {Mb(r.GcHeapBytes)}, allocated {Mb(r.AllocatedBytes)}, GCs {r.Gen0Collections}/{r.Gen1Collections}/{r.Gen2Collections} (paused {r.GcPausePercent:F0}% of the time), lock contentions {r.LockContentions:N0}, thread pool max queue {r.MaxThreadPoolQueue:N0} / {r.MaxThreadPoolThreads} threads{server}{redis}"));
            if (r.MachineBusyCores is { } busy)
            {
                Console.WriteLine(F($"   machine: {busy:F2} of {Environment.ProcessorCount} cores busy, {OtherCores(result):F2} of them by other processes (load average {r.LoadAverage ?? 0:F1})"));
            }

            if (result.Metrics.Count > 0)
            {
                Console.WriteLine("   metrics: " + string.Join(", ", result.Metrics.Select(m => F($"{m.Key}={Format(m.Value)}"))));
            }

            foreach (var note in result.Notes)
            {
                Console.WriteLine($"   note: {note}");
            }
        }

        if (scenario.RatioOursToBaseline is { } ratio)
        {
            Console.WriteLine();
            Console.WriteLine(F($"   ours / baseline ({scenario.KeyMetric}): {ratio:F2}x"));
            if (PerCoreRatio(scenario) is { } perCore)
            {
                Console.WriteLine(F($"   ours / baseline per core-second used: {perCore:F2}x"));
            }
        }

        foreach (var note in scenario.Notes)
        {
            Console.WriteLine($"   note: {note}");
        }
    }

    /// <summary>The ratio of key figures per core-second burnt, or null when either side lacks it.</summary>
    public static double? PerCoreRatio(ScenarioReport scenario) =>
        scenario.Results.Count == 2
        && scenario.Results[0].Metrics.GetValueOrDefault("keyPerCoreSecond") is > 0 and var ours
        && scenario.Results[1].Metrics.GetValueOrDefault("keyPerCoreSecond") is > 0 and var theirs
            ? ours / theirs
            : null;

    /// <summary>Cores other processes kept busy, not counting the system's own server processes (the Api, redis-server).</summary>
    public static double OtherCores(SystemResult result) =>
        Math.Max(0, (result.Resources.OtherProcessesCores ?? 0) - result.Metrics.GetValueOrDefault("serverCpuCoresUsed"));

    public static string Mb(long bytes) => F($"{bytes / 1_048_576.0:N0} MB");

    public static string Format(double value) => Math.Abs(value) >= 100 || value == Math.Floor(value) ? F($"{value:N0}") : F($"{value:N2}");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
