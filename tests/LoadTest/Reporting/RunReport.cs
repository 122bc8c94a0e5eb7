namespace Instagram.LoadTest.Reporting;

/// <summary>The whole run, as written to the JSON result file and rendered into the HTML report.</summary>
public sealed record RunReport(
    string Tool,
    DateTimeOffset StartedAt,
    double TotalSeconds,
    MachineInfo Machine,
    IReadOnlyList<string> Arguments,
    string Target,
    IReadOnlyList<SeedReport> Seeds,
    IReadOnlyList<ScenarioReport> Scenarios,
    IReadOnlyList<string> Notes);

public sealed record MachineInfo(string Host, int Cores, long MemoryBytes, string Os, string Runtime, bool ServerGc, string? Commit)
{
    public static MachineInfo Current() => new(
        Environment.MachineName,
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC,
        GitCommit());

    // Read-only look at the checkout the tool was built from (no git process is started).
    private static string? GitCommit()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var head = Path.Combine(dir.FullName, ".git", "HEAD");
            if (!File.Exists(head))
            {
                continue;
            }

            var text = File.ReadAllText(head).Trim();
            if (!text.StartsWith("ref: ", StringComparison.Ordinal))
            {
                return text;
            }

            var reference = Path.Combine(dir.FullName, ".git", text[5..]);
            return File.Exists(reference) ? File.ReadAllText(reference).Trim() : text[5..];
        }

        return null;
    }
}

public sealed record SeedReport(string System, int Users, long Follows, int Posts, IReadOnlyDictionary<string, double> PhaseSeconds, string Graph);

/// <summary>One scenario: each system's result, and ours / baseline on the scenario's key figure.</summary>
public sealed record ScenarioReport(
    string Name,
    string Description,
    string KeyMetric,
    IReadOnlyList<SystemResult> Results,
    double? RatioOursToBaseline,
    IReadOnlyList<string> Notes);

public sealed record SystemResult(
    string System,
    bool IsOurs,
    double Seconds,
    long Operations,
    double OpsPerSecond,
    string MainOp,
    double KeyValue,
    IReadOnlyList<OpResult> Ops,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<Measurement.TimelinePoint> Timeline,
    Measurement.ResourceUsage Resources,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Notes);

public sealed record OpResult(
    string Name,
    long Count,
    double PerSecond,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<PercentilePoint> Distribution)
{
    private static readonly double[] Percentiles = [0, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.75, 99.9, 99.95, 99.975, 99.99, 99.995, 99.999, 100];

    public static OpResult From(Measurement.OpStats op, double seconds)
    {
        var h = op.Histogram;
        var empty = h.TotalCount == 0;
        double Ms(double p) => empty ? 0 : h.GetValueAtPercentile(p) / 1_000.0;
        return new OpResult(op.Name, op.Count, seconds > 0 ? op.Count / seconds : 0,
            empty ? 0 : HdrHistogram.HistogramExtensions.GetMean(h) / 1_000.0,
            Ms(50), Ms(90), Ms(99), Ms(99.9), empty ? 0 : HdrHistogram.HistogramExtensions.GetMaxValue(h) / 1_000.0,
            op.Errors.ToDictionary(e => e.Key, e => e.Value),
            empty ? [] : [.. Percentiles.Select(p => new PercentilePoint(p, Ms(p)))]);
    }
}

public sealed record PercentilePoint(double Percentile, double Ms);
