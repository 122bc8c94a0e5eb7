using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Instagram.Silo.Tests.Hosting;

/// <summary>The silo process says when it starts, is ready, stops and has stopped, naming its profile and ports.</summary>
public sealed class LifecycleLogTests
{
    [Fact]
    public async Task TheSiloLogsOneLineWhenItStartsIsReadyStopsAndHasStopped()
    {
        var siloPort = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        var start = ProcessRun.StartInfo("Instagram.Silo.dll", new Dictionary<string, string>
        {
            ["Orleans__SiloPort"] = siloPort,
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__ClusterId"] = "lifecycle-" + Guid.NewGuid().ToString("N"),
        });
        var lines = new ConcurrentQueue<string>();
        using var silo = new Process { StartInfo = start };
        silo.OutputDataReceived += (_, e) => { if (e.Data is { } line) lines.Enqueue(line.Trim()); };
        silo.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lines.Enqueue(line.Trim()); };
        silo.Start();
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(lines.Any(l => l.Contains(" Instagram.Silo ready:", StringComparison.Ordinal))), "the ready line", TimeSpan.FromSeconds(60));
            using (var term = Process.Start("kill", $"-TERM {silo.Id}"))
            {
                await term!.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await silo.WaitForExitAsync(patience.Token);
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill();
            }
        }

        // "<time> info: <category>[<id>] Instagram.Silo starting: ..." — one line per event.
        var ours = lines.Where(l => l.Contains(" Instagram.Silo ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(" Instagram.Silo ", StringComparison.Ordinal) + 1)..]).ToList();
        Assert.Equal(["starting", "ready", "stopping", "stopped"], ours.Select(l => l.Split(' ')[1].TrimEnd(':')));
        Assert.Contains("profile Embedded", ours[0]);
        Assert.Contains($"silo port {siloPort}", ours[1]);
        Assert.Equal(0, silo.ExitCode);
    }
}
