using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Instagram.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/Benchmarks -- --filter '*'            full runs (BenchmarkDotNet's default job)
/// dotnet run -c Release --project tests/Benchmarks -- --filter '*' --quick    a smoke run in well under a minute
/// Every other BenchmarkDotNet argument works too (--job short, --list flat, --memory, --exporters json...); all run
/// in-process (see below).
/// </summary>
public static class BenchmarkProgram
{
    public const string QuickFlag = "--quick";

    public static int Main(string[] args)
    {
        var quick = args.Contains(QuickFlag, StringComparer.OrdinalIgnoreCase);
        var rest = args.Where(a => !string.Equals(a, QuickFlag, StringComparison.OrdinalIgnoreCase)).ToList();

        // BenchmarkDotNet's out-of-process generator looks for a project file named after the assembly
        // (Instagram.Benchmarks.csproj), but the repository names projects after their folder (Benchmarks.csproj), so
        // benchmarks run in this process, whatever job is asked for (the quick job below is in-process already).
        if (!quick && !rest.Any(a => a is "--inProcess" or "-i" or "--toolchain" or "-t" || a.StartsWith("--inProcess", StringComparison.OrdinalIgnoreCase)))
        {
            rest.Add("--inProcess");
        }

        // Reports go beside the project (git-ignored there), not into whatever directory `dotnet run` was started from.
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(ArtifactsPath());
        if (quick)
        {
            // In this process (no generated project to build), one warm-up and three short iterations: numbers good
            // enough to spot a regression of several times, in seconds rather than minutes.
            config = config.AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
                .WithId("Quick"));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run([.. rest], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static string ArtifactsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Benchmarks.csproj")))
            {
                return Path.Combine(dir.FullName, "BenchmarkDotNet.Artifacts");
            }
        }

        return Path.GetFullPath("BenchmarkDotNet.Artifacts");
    }
}
