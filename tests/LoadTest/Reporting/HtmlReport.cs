using System.Net;
using System.Text;
using System.Text.Json;
using Instagram.LoadTest.Measurement;

namespace Instagram.LoadTest.Reporting;

/// <summary>Writes the JSON result file and a self-contained HTML report beside it (same base name).</summary>
public static class HtmlReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Operations left out of the latency charts: setup steps that are not what a scenario measures.</summary>
    private static readonly HashSet<string> Hidden = ["media", "celebrity media", "big celebrity media"];

    public static async Task<(string Json, string Html)> WriteAsync(RunReport report, string jsonPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, Json));
        var htmlPath = Path.ChangeExtension(jsonPath, ".html");
        await File.WriteAllTextAsync(htmlPath, Render(report));
        return (jsonPath, htmlPath);
    }

    public static string Render(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            """);
        html.Append(F($"<title>Load test: {E(string.Join(", ", report.Scenarios.Select(s => s.Name)))} ({E(report.Target)})</title>"));
        html.Append("""
            <style>
              body { font-family: -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #222; max-width: 1320px; }
              h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
              h3 { font-size: 15px; margin: 18px 0 6px; }
              table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
              th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; } th { background: #f2f2f5; }
              td:first-child, th:first-child, td.l { text-align: left; }
              .meta { color: #555; font-size: 13px; } .note { color: #444; font-size: 13px; margin: 2px 0; }
              .charts { display: flex; flex-wrap: wrap; gap: 24px; } figure { margin: 0; } figcaption { font-size: 13px; font-weight: 600; margin-bottom: 4px; }
              .legend { font-size: 12px; margin-top: 4px; } .legend span { display: inline-block; margin-right: 14px; }
              .swatch { display: inline-block; width: 22px; height: 0; border-top: 3px solid; vertical-align: middle; margin-right: 4px; }
              .ok { color: #17803d; } .bad { color: #b42318; }
            </style></head><body>
            """);
        html.Append("<h1>Instagram.Orleans load test</h1>");
        var m = report.Machine;
        html.Append(F($"<p class=\"meta\">{report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC &middot; target <b>{E(report.Target)}</b> &middot; {m.Cores} cores, {m.MemoryBytes / 1_073_741_824.0:N0} GB, {E(m.Os)}, {E(m.Runtime)}{(m.ServerGc ? ", server GC" : "")} &middot; commit {E(m.Commit ?? "unknown")} &middot; {report.TotalSeconds:N0}s in all</p>"));
        html.Append(F($"<p class=\"meta\">arguments: <code>{E(string.Join(' ', report.Arguments))}</code></p>"));
        foreach (var note in report.Notes)
        {
            html.Append(F($"<p class=\"note\">{E(note)}</p>"));
        }

        Summary(html, report);
        Seeds(html, report);
        foreach (var scenario in report.Scenarios)
        {
            Scenario(html, scenario);
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, RunReport report)
    {
        html.Append("<h2>Summary</h2><table><tr><th>scenario</th><th>system</th><th>key figure</th><th>value</th><th>ops/s</th><th>op</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>errors</th><th>CPU cores</th><th>other processes' cores</th><th>ours / baseline</th></tr>");
        foreach (var scenario in report.Scenarios)
        {
            foreach (var result in scenario.Results)
            {
                var op = MainLatencyOp(result);
                html.Append(F($"<tr><td>{E(scenario.Name)}</td><td class=\"l\">{E(result.System)}</td><td class=\"l\">{E(scenario.KeyMetric)}</td><td>{result.KeyValue:N1}</td><td>{result.OpsPerSecond:N0}</td>"));
                html.Append(op is null
                    ? "<td></td><td></td><td></td><td></td><td></td><td></td>"
                    : F($"<td class=\"l\">{E(op.Name)}</td><td>{op.P50Ms:F2}</td><td>{op.P90Ms:F2}</td><td>{op.P99Ms:F2}</td><td>{op.P999Ms:F2}</td><td>{op.MaxMs:F2}</td>"));
                var ratio = result.IsOurs && scenario.RatioOursToBaseline is { } r ? F($"{r:F2}x") : "";
                html.Append(F($"<td>{result.Errors.Values.Sum():N0}</td><td>{result.Resources.CpuCoresUsed:F2}</td><td>{ConsoleReport.OtherCores(result):F2}</td><td>{ratio}</td></tr>"));
            }
        }

        html.Append("</table>");
    }

    private static void Seeds(StringBuilder html, RunReport report)
    {
        if (report.Seeds.Count == 0)
        {
            return;
        }

        html.Append("<h2>Seeding</h2><table><tr><th>system</th><th>users</th><th>follows</th><th>posts</th><th>users s</th><th>posts s</th><th>follows s</th><th>follows/s</th></tr>");
        foreach (var seed in report.Seeds)
        {
            var followSeconds = seed.PhaseSeconds.GetValueOrDefault("follows");
            html.Append(F($"<tr><td>{E(seed.System)}</td><td>{seed.Users:N0}</td><td>{seed.Follows:N0}</td><td>{seed.Posts:N0}</td><td>{seed.PhaseSeconds.GetValueOrDefault("users"):F1}</td><td>{seed.PhaseSeconds.GetValueOrDefault("posts"):F1}</td><td>{followSeconds:F1}</td><td>{(followSeconds > 0 ? seed.Follows / followSeconds : 0):N0}</td></tr>"));
        }

        html.Append("</table>");
        html.Append(F($"<p class=\"note\">{E(report.Seeds[0].Graph)}</p>"));
    }

    private static void Scenario(StringBuilder html, ScenarioReport scenario)
    {
        html.Append(F($"<h2>{E(scenario.Name)}</h2><p class=\"meta\">{E(scenario.Description)}</p>"));
        if (scenario.RatioOursToBaseline is { } ratio)
        {
            var perCore = ConsoleReport.PerCoreRatio(scenario) is { } pc ? F($" &middot; per core-second used: {pc:F2}x") : "";
            html.Append(F($"<p><b>ours / baseline ({E(scenario.KeyMetric)}): {ratio:F2}x</b>{perCore}</p>"));
        }

        foreach (var result in scenario.Results)
        {
            html.Append(F($"<h3>{E(result.System)}: {E(scenario.KeyMetric)} = {result.KeyValue:N1} &middot; {result.Operations:N0} operations in {result.Seconds:F1}s</h3>"));
            html.Append("<table><tr><th>operation</th><th>count</th><th>per s</th><th>mean ms</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>errors</th></tr>");
            foreach (var op in result.Ops)
            {
                html.Append(F($"<tr><td>{E(op.Name)}</td><td>{op.Count:N0}</td><td>{op.PerSecond:N0}</td><td>{op.MeanMs:F2}</td><td>{op.P50Ms:F2}</td><td>{op.P90Ms:F2}</td><td>{op.P99Ms:F2}</td><td>{op.P999Ms:F2}</td><td>{op.MaxMs:F2}</td><td>{op.Errors.Values.Sum():N0}</td></tr>"));
            }

            html.Append("</table>");
            if (result.Errors.Count > 0)
            {
                html.Append("<p class=\"note bad\">errors: " + E(string.Join("; ", result.Errors.Select(e => F($"{e.Key} x{e.Value:N0}")))) + "</p>");
            }

            var r = result.Resources;
            html.Append(F($"<p class=\"note\">process: {r.CpuCoresUsed:F2} cores ({r.CpuPercentOfMachine:F0}% of the machine), peak working set {ConsoleReport.Mb(r.PeakWorkingSetBytes)}, GC heap {ConsoleReport.Mb(r.GcHeapBytes)}, allocated {ConsoleReport.Mb(r.AllocatedBytes)}, GCs gen0/1/2 {r.Gen0Collections}/{r.Gen1Collections}/{r.Gen2Collections} (paused {r.GcPausePercent:F0}% of the time), lock contentions {r.LockContentions:N0}, thread-pool queue max {r.MaxThreadPoolQueue:N0} with {r.MaxThreadPoolThreads} threads"));
            if (r.ServerCpuCoresUsed is { } server)
            {
                html.Append(F($"; server process {server:F2} cores, peak RSS {ConsoleReport.Mb(r.ServerPeakRssBytes ?? 0)}"));
            }

            if (r.MachineBusyCores is { } busy)
            {
                html.Append(F($"<br>machine: {busy:F2} cores busy, {ConsoleReport.OtherCores(result):F2} of them by other processes (load average {r.LoadAverage ?? 0:F1})"));
            }

            html.Append("</p>");
            if (result.Metrics.Count > 0)
            {
                html.Append("<p class=\"note\">" + E(string.Join(", ", result.Metrics.Select(kv => $"{kv.Key} = {ConsoleReport.Format(kv.Value)}"))) + "</p>");
            }

            foreach (var note in result.Notes)
            {
                html.Append(F($"<p class=\"note\">{E(note)}</p>"));
            }
        }

        var latency = new List<SvgCharts.Series>();
        var throughput = new List<SvgCharts.Series>();
        var colors = 0;
        foreach (var result in scenario.Results)
        {
            foreach (var op in result.Ops.Where(o => o.Count > 0 && !Hidden.Contains(o.Name)))
            {
                latency.Add(new SvgCharts.Series($"{result.System}: {op.Name}", SvgCharts.Palette[colors++ % SvgCharts.Palette.Length], !result.IsOurs,
                    [.. op.Distribution.Select(p => (p.Percentile, p.Ms))]));
            }
        }

        colors = 0;
        foreach (var result in scenario.Results.Where(r => r.Timeline.Count > 0))
        {
            throughput.Add(new SvgCharts.Series($"{result.System}: {SeriesLabel(result.MainOp)}/s", SvgCharts.Palette[colors++ % SvgCharts.Palette.Length], !result.IsOurs,
                [.. result.Timeline.Select(p => (p.Second, Rate(p, result.MainOp)))]));
        }

        if (latency.Count == 0 && throughput.Count == 0)
        {
            foreach (var note in scenario.Notes)
            {
                html.Append(F($"<p class=\"note\">{E(note)}</p>"));
            }

            return;
        }

        html.Append("<div class=\"charts\">");
        Figure(html, $"{scenario.Name}: latency by percentile", SvgCharts.LatencyByPercentile($"{scenario.Name} latency by percentile", latency), latency);
        Figure(html, $"{scenario.Name}: throughput over time", SvgCharts.ThroughputOverTime($"{scenario.Name} throughput over time",
            throughput.Count > 0 ? $"{SeriesLabel(scenario.Results[0].MainOp)} per second" : "per second", throughput), throughput);
        html.Append("</div>");
        foreach (var note in scenario.Notes)
        {
            html.Append(F($"<p class=\"note\">{E(note)}</p>"));
        }
    }

    private static void Figure(StringBuilder html, string caption, string svg, List<SvgCharts.Series> series)
    {
        html.Append(F($"<figure><figcaption>{E(caption)}</figcaption>")).Append(svg).Append("<div class=\"legend\">");
        foreach (var s in series)
        {
            html.Append(F($"<span><i class=\"swatch\" style=\"border-top-color:{s.Color};{(s.Dashed ? "border-top-style:dashed;" : "")}\"></i>{E(s.Label)}</span>"));
        }

        html.Append("</div></figure>");
    }

    private static double Rate(TimelinePoint point, string series) =>
        series == ProgressTicker.AllOps ? point.OpsPerSecond : point.Series.GetValueOrDefault(series);

    private static string SeriesLabel(string series) => series == ProgressTicker.AllOps ? "operations" : series;

    private static OpResult? MainLatencyOp(SystemResult result) =>
        result.Ops.FirstOrDefault(o => o.Name == result.MainOp)
        ?? result.Ops.FirstOrDefault(o => o.Name == "delivery")
        ?? result.Ops.FirstOrDefault(o => o.Name == "read")
        ?? result.Ops.FirstOrDefault(o => !Hidden.Contains(o.Name));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
