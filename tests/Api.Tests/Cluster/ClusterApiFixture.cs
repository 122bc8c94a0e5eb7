using System.Globalization;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Instagram.Api.Tests.Cluster;

/// <summary>
/// A Cluster-profile deployment in miniature: one silo host on PostgreSQL and Redis (the local services), and two
/// Api instances that join it as cluster clients and share Redis for limits, idempotency and revocation.
/// </summary>
public sealed class ClusterApiFixture : IAsyncLifetime
{
    public const int PostLimit = 3;

    private readonly string _clusterId = "api-cluster-" + Guid.NewGuid().ToString("N");
    private IHost? _silo;

    public ClusterApiFactory First { get; private set; } = null!;

    public ClusterApiFactory Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = Settings();
        settings["Orleans:SiloPort"] = ApiFactory.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = ApiFactory.FreePort().ToString(CultureInfo.InvariantCulture);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseInstagramSilo();
        _silo = builder.Build();
        await _silo.StartAsync();

        First = new ClusterApiFactory(Settings());
        Second = new ClusterApiFactory(Settings());
        _ = First.Server;
        _ = Second.Server;
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Orleans:Profile"] = "Cluster",
        ["Orleans:ClusterId"] = _clusterId,
        ["Orleans:ServiceId"] = _clusterId,
        ["ConnectionStrings:Postgres"] = Required("Postgres"),
        ["ConnectionStrings:Redis"] = Required("Redis"),
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:Posts:PermitLimit"] = PostLimit.ToString(CultureInfo.InvariantCulture),
    };

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")
        ?? throw new InvalidOperationException($"ConnectionStrings__{name} is not set. Run the suite with 'bash tests/run.sh', which starts the services.");
}

/// <summary>One Api instance in the Cluster profile: a cluster client, no co-hosted silo.</summary>
public sealed class ClusterApiFactory(IDictionary<string, string?> settings) : ApiFactory
{
    protected override IDictionary<string, string?> Settings => settings;
}
