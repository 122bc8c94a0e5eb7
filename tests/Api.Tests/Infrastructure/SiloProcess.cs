using System.Globalization;

namespace Instagram.Api.Tests.Infrastructure;

/// <summary>
/// A silo as a process of its own (the Silo program, with the test output folder's appsettings.json, which is the
/// Silo's), on two free loopback ports, for tests that kill it hard; <see cref="ClusterSiloHost"/> runs in the test
/// process, where nothing can die the way a machine does. Killed on dispose.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly ProgramProcess _process;

    private SiloProcess(ProgramProcess process) => _process = process;

    /// <summary>The lines the process has written to stdout so far.</summary>
    public IReadOnlyCollection<string> Output => _process.Output;

    /// <summary>Starts the silo with the given environment added and waits for its ready line.</summary>
    public static async Task<SiloProcess> StartAsync(IDictionary<string, string> environment)
    {
        var withPorts = new Dictionary<string, string>(environment)
        {
            ["Orleans__SiloPort"] = ApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = ApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        var silo = new SiloProcess(new ProgramProcess("Instagram.Silo.dll", withPorts));
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(silo.IsReady || silo._process.HasExited), "the silo's ready line", TimeSpan.FromSeconds(90));
            Assert.False(silo._process.HasExited, "The silo exited while starting:\n" + string.Join('\n', silo.Output));
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the silo at once (SIGKILL): no graceful shutdown, no leaving the cluster, as when its machine dies.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private bool IsReady => Output.Any(line => line.Contains(" Instagram.Silo ready:", StringComparison.Ordinal));
}
