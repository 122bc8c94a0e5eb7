using System.Text.Json;

namespace Instagram.Infra.Tests.Capacity;

/// <summary>Writes load-test result files of the shape the load tester writes, with chosen numbers, to a temp folder.</summary>
public sealed class ResultFileWriter : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("capacity-results-");

    public string Write(string name, DateTimeOffset startedAt, string target, params object[] scenarios)
    {
        var path = Path.Combine(Folder.FullName, name);
        File.WriteAllText(path, JsonSerializer.Serialize(new { tool = "Instagram.LoadTest", startedAt, target, scenarios }, Json));
        return path;
    }

    public static object Scenario(string name, params object[] results) => new { name, results };

    public static object Ours(double seconds, double keyValue, Dictionary<string, long> ops, double cpuSeconds, double? serverCpuSeconds,
        Dictionary<string, double>? metrics = null) =>
        Result("orleans", true, seconds, keyValue, ops, cpuSeconds, serverCpuSeconds, metrics);

    public static object Baseline(double seconds, double keyValue, Dictionary<string, double> metrics) =>
        Result("redis-baseline", false, seconds, keyValue, [], 1, null, metrics);

    private static object Result(string system, bool isOurs, double seconds, double keyValue, Dictionary<string, long> ops, double cpuSeconds,
        double? serverCpuSeconds, Dictionary<string, double>? metrics) => new
        {
            system,
            isOurs,
            seconds,
            keyValue,
            ops = ops.Select(o => new { name = o.Key, count = o.Value }),
            resources = new { cpuSeconds, serverCpuSeconds },
            metrics = metrics ?? [],
        };

    public void Dispose() => Folder.Delete(recursive: true);
}
