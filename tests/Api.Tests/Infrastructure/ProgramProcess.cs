using System.Collections.Concurrent;
using System.Diagnostics;

namespace Instagram.Api.Tests.Infrastructure;

/// <summary>
/// One of the product's programs running as a process from the test's output folder, with what it writes to stdout
/// kept for the test to read; killed with its children on dispose. <see cref="ApiProcess"/> and
/// <see cref="SiloProcess"/> are built on it.
/// </summary>
public sealed class ProgramProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public ProgramProcess(string dll, IDictionary<string, string> environment, string arguments = "")
    {
        _process = Process.Start(ProcessRun.StartInfo(dll, environment, arguments))!;
        _ = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                _output.Enqueue(line);
            }
        });
        _ = _process.StandardError.ReadToEndAsync(); // drained, so a chatty process never blocks on a full pipe
    }

    /// <summary>The lines the process has written to stdout so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    /// <summary>Asks the process to stop (SIGTERM, as a service manager or Ctrl+C does) and waits for it to exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
    }

    /// <summary>Ends the process at once (SIGKILL on Linux): no shutdown runs, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
