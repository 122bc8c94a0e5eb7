using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Instagram.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/Benchmarks -- --filter '*'            full runs (BenchmarkDotNet's default job)
/// dotnet run -c Release --project tests/Benchmarks -- --filter '*' --quick    a smoke run in well under a minute
/// Every other BenchmarkDotNet argument works too (--job short, --list flat, --memory, --exporters json...).
/// </summary>
public static class BenchmarkProgram
{
    public const string QuickFlag = "--quick";

    public static int Main(string[] args)
    {
        var quick = args.Contains(QuickFlag, StringComparer.OrdinalIgnoreCase);
        var rest = args.Where(a => !string.Equals(a, QuickFlag, StringComparison.OrdinalIgnoreCase)).ToArray();
        IConfig config = DefaultConfig.Instance;
        if (quick)
        {
            // In this process (no generated project to build), one warm-up and three short iterations: numbers good
            // enough to spot a regression of several times, in seconds rather than minutes.
            config = DefaultConfig.Instance.AddJob(Job.Dry
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithIterationTime(BenchmarkDotNet.Horology.TimeInterval.FromMilliseconds(100))
                .WithInvocationCount(Job.Default.Run.InvocationCount)
                .WithUnrollFactor(16)
                .WithId("Quick"));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(rest, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
