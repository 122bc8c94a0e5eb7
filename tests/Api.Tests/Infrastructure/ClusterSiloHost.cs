using System.Globalization;
using Instagram.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instagram.Api.Tests.Infrastructure;

/// <summary>
/// A Cluster-profile silo host for Api tests whose Api instances join as cluster clients: the given settings plus
/// two free loopback ports, started on the local services (bash tests/run.sh starts them).
/// </summary>
public sealed class ClusterSiloHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterSiloHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the host; <paramref name="services"/> replaces services for the test (a recording push seam...).</summary>
    public static async Task<ClusterSiloHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var withPorts = new Dictionary<string, string?>(settings)
        {
            ["Orleans:SiloPort"] = ApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(withPorts);
        builder.UseInstagramSilo();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterSiloHost(host);
    }

    /// <summary>A connection string from the environment (ConnectionStrings__{name}), which tests/run.sh exports.</summary>
    public static string RequiredConnectionString(string name) =>
        Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")
        ?? throw new InvalidOperationException($"ConnectionStrings__{name} is not set. Run the suite with 'bash tests/run.sh', which starts the services.");

    /// <summary>
    /// The environment of a Cluster-profile process (silo or Api) of <paramref name="clusterId"/> on the local services,
    /// with its own id generator number; callers add what is particular to the process.
    /// </summary>
    public static Dictionary<string, string> ProcessEnvironment(string clusterId, int generatorId) => new()
    {
        ["Orleans__Profile"] = "Cluster",
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = clusterId,
        ["ConnectionStrings__Postgres"] = RequiredConnectionString("Postgres"),
        ["ConnectionStrings__Redis"] = RequiredConnectionString("Redis"),
        ["ConnectionStrings__Blobs"] = RequiredConnectionString("Blobs"),
        ["Ids__GeneratorId"] = generatorId.ToString(CultureInfo.InvariantCulture),
    };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
