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
            Console.WriteLine(F($"   {"operation",-22} {"count",10} {"per s",9} {"mean",8} {"p50",8} {"p90",8} {"p99",8} {"p99.9",8} {"max",9}  (ms)"));
            foreach (var op in result.Ops)
            {
                Console.WriteLine(F($"   {op.Name,-22} {op.Count,10:N0} {op.PerSecond,9:N0} {op.MeanMs,8:F2} {op.P50Ms,8:F2} {op.P90Ms,8:F2} {op.P99Ms,8:F2} {op.P999Ms,8:F2} {op.MaxMs,9:F2}"));
            }

            Console.WriteLine(result.Errors.Count == 0
                ? "   errors: none"
                : "   errors: " + string.Join("; ", result.Errors.Select(e => F($"{e.Key} x{e.Value:N0}"))));
            var r = result.Resources;
            var server = r.ServerCpuCoresUsed is { } sc ? F($"; server process {sc:F2} cores, peak RSS {Mb(r.ServerPeakRssBytes ?? 0)}") : "";
            var redis = result.Metrics.TryGetValue("serverCpuCoresUsed", out var rc) ? F($"; redis-server {rc:F2} cores") : "";
            Console.WriteLine(F($"   process: {r.CpuCoresUsed:F2} cores ({r.CpuPercentOfMachine:F0}% of {Environment.ProcessorCount}), peak working set {Mb(r.PeakWorkingSetBytes)}, GC heap {Mb(r.GcHeapBytes)}, allocated {Mb(r.AllocatedBytes)}, GCs {r.Gen0Collections}/{r.Gen1Collections}/{r.Gen2Collections}{server}{redis}"));
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
        }

        foreach (var note in scenario.Notes)
        {
            Console.WriteLine($"   note: {note}");
        }
    }

    public static string Mb(long bytes) => F($"{bytes / 1_048_576.0:N0} MB");

    public static string Format(double value) => Math.Abs(value) >= 100 || value == Math.Floor(value) ? F($"{value:N0}") : F($"{value:N2}");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
