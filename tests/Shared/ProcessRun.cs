using System.Diagnostics;

namespace Instagram.Tests.Shared;

/// <summary>Runs one of the product's programs from the test's output folder until it exits on its own.</summary>
public static class ProcessRun
{
    /// <summary>How to start <paramref name="dll"/> with output redirected and the given environment added.</summary>
    public static ProcessStartInfo StartInfo(string dll, IDictionary<string, string> environment, string arguments = "")
    {
        var start = new ProcessStartInfo("dotnet", $"{Path.Combine(AppContext.BaseDirectory, dll)} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <returns>The exit code and every non-empty line it wrote to stdout and stderr.</returns>
    public static async Task<(int ExitCode, string[] Lines)> ToExitAsync(string dll, IDictionary<string, string> environment, string arguments = "")
    {
        using var process = Process.Start(StartInfo(dll, environment, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(patience.Token);
        var lines = ((await output) + "\n" + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, lines);
    }
}
