using System.Text.Json;

namespace Instagram.LoadTest.Capacity;

/// <summary>
/// One system's result in one scenario of one load-test result file, read field by field from the JSON (so result
/// files written by older builds of the tool, which lack the newer fields, still load).
/// </summary>
public sealed record ResultRun(
    string File,
    string System,
    bool IsOurs,
    DateTimeOffset StartedAt,
    string Target,
    string Scenario,
    double Seconds,
    double KeyValue,
    IReadOnlyDictionary<string, long> OpCounts,
    double ToolCpuSeconds,
    double? ServerCpuSeconds,
    IReadOnlyDictionary<string, double> Metrics)
{
    public long Count(params string[] ops) => ops.Sum(op => OpCounts.GetValueOrDefault(op));

    /// <summary>Every operation the run timed.</summary>
    public long Operations() => OpCounts.Values.Sum();

    public double? Metric(string name) => Metrics.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// The silo's CPU over the measured window: on a cluster, the --server-pid process (a silo); embedded, this tool's
    /// own process, which hosts the silo and also generates the load (an upper bound on the silo's share).
    /// </summary>
    public (double Seconds, string Field)? SiloCpu => Target switch
    {
        "cluster" when ServerCpuSeconds is { } server => (server, "resources.serverCpuSeconds (the silo, --server-pid)"),
        "embedded" => (ToolCpuSeconds, "resources.cpuSeconds (silo + load generator in one process: an upper bound)"),
        _ => null,
    };

    public static IEnumerable<ResultRun> Read(string path)
    {
        using var document = JsonDocument.Parse(global::System.IO.File.ReadAllText(path));
        var root = document.RootElement;
        if (!root.TryGetProperty("scenarios", out var scenarios))
        {
            yield break;
        }

        var startedAt = root.TryGetProperty("startedAt", out var s) ? s.GetDateTimeOffset() : DateTimeOffset.MinValue;
        var target = root.TryGetProperty("target", out var t) ? t.GetString() ?? "" : "";
        target = target.StartsWith("http", StringComparison.Ordinal) ? "http" : target;
        foreach (var scenario in scenarios.EnumerateArray())
        {
            foreach (var result in scenario.GetProperty("results").EnumerateArray())
            {
                var resources = result.GetProperty("resources");
                yield return new ResultRun(
                    Path.GetFileName(path),
                    result.GetProperty("system").GetString() ?? "",
                    result.GetProperty("isOurs").GetBoolean(),
                    startedAt,
                    target,
                    scenario.GetProperty("name").GetString() ?? "",
                    result.GetProperty("seconds").GetDouble(),
                    result.GetProperty("keyValue").GetDouble(),
                    result.GetProperty("ops").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString() ?? "", o => o.GetProperty("count").GetInt64()),
                    resources.GetProperty("cpuSeconds").GetDouble(),
                    resources.TryGetProperty("serverCpuSeconds", out var server) && server.ValueKind == JsonValueKind.Number ? server.GetDouble() : null,
                    result.GetProperty("metrics").EnumerateObject()
                        .Where(m => m.Value.ValueKind == JsonValueKind.Number)
                        .ToDictionary(m => m.Name, m => m.Value.GetDouble()));
            }
        }
    }

    /// <summary>Every *.json under the given directories, plus the given files; unreadable files are reported, not fatal.</summary>
    public static List<ResultRun> Load(IEnumerable<string> paths, ICollection<string> problems)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.json") : [p]).Distinct();
        var runs = new List<ResultRun>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            try
            {
                runs.AddRange(Read(file));
            }
            catch (Exception ex) when (ex is JsonException or IOException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"{file}: skipped ({ex.Message})");
            }
        }

        return runs;
    }
}
