using System.Net;
using System.Net.Sockets;
using Instagram.Grains.Common;
using Instagram.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Instagram.LoadTest.Systems;

/// <summary>Starts or joins the Orleans side: an in-process embedded silo, or a client of a running cluster.</summary>
public static class OurSystems
{
    /// <summary>
    /// Hosts a silo in this process exactly as the Api does in the Embedded profile (UseInstagramSilo), on free
    /// loopback ports, with the celebrity threshold the graph was generated for.
    /// </summary>
    public static async Task<GrainSystem> StartEmbeddedAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var mediaDir = Directory.CreateTempSubdirectory("instagram-loadtest-media-");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:Profile"] = nameof(OrleansProfile.Embedded),
            ["Orleans:ClusterId"] = $"loadtest-{RunTag.Value}",
            ["Orleans:ServiceId"] = "instagram-loadtest",
            ["Orleans:SiloPort"] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["Feed:CelebrityThreshold"] = options.CelebrityThreshold.ToString(CultureInfo.InvariantCulture),
            ["Ids:GeneratorId"] = ((options.GeneratorId + 1) % (IdGenerator.MaxGeneratorId + 1)).ToString(CultureInfo.InvariantCulture),
            ["Media:LocalPath"] = mediaDir.FullName,
        });
        QuietLogging(builder);
        builder.UseInstagramSilo();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        return new GrainSystem("orleans-embedded", grains, new IdGenerator(options.GeneratorId), embedded: true, async () =>
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
            TryDelete(mediaDir);
        });
    }

    /// <summary>
    /// Joins a running Cluster-profile cluster as a client (UseInstagramClient): ConnectionStrings__Postgres,
    /// ConnectionStrings__Redis, Orleans__ClusterId and Orleans__ServiceId come from the environment. Refuses unless
    /// PostgreSQL, Redis and every active silo gateway are on loopback addresses.
    /// </summary>
    public static async Task<GrainSystem> ConnectClusterAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        QuietLogging(builder);
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrEmpty(postgres) || string.IsNullOrEmpty(redis))
        {
            throw new UsageException("--target cluster needs ConnectionStrings__Postgres and ConnectionStrings__Redis in the environment " +
                "(bash infra/local/services.sh up prints them), and Orleans__ClusterId / Orleans__ServiceId of the running silos.");
        }

        var orleans = OrleansHostOptions.From(builder.Configuration);
        RequireLoopbackPostgres(postgres);
        RequireLoopbackRedis(redis, "ConnectionStrings__Redis");
        await RequireLoopbackGatewaysAsync(postgres, orleans.ClusterId, cancellationToken);

        builder.UseInstagramClient();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var client = host.Services.GetRequiredService<IClusterClient>();
        return new GrainSystem("orleans-cluster", client, new IdGenerator(options.GeneratorId), embedded: false, async () =>
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }, new BackingServiceCounters(postgres, redis));
    }

    public static void RequireLoopbackRedis(string connectionString, string what)
    {
        var parsed = ConfigurationOptions.Parse(connectionString);
        if (parsed.EndPoints.Count == 0)
        {
            throw new UsageException($"{what} names no endpoint.");
        }

        foreach (var endPoint in parsed.EndPoints)
        {
            if (!Loopback.IsLoopback(endPoint))
            {
                throw new UsageException($"{what} points at {endPoint}, which is not a loopback address; the load tester only talks to this machine.");
            }
        }
    }

    private static void RequireLoopbackPostgres(string connectionString)
    {
        var hosts = new NpgsqlConnectionStringBuilder(connectionString).Host ?? "";
        foreach (var host in hosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = host.Split(':')[0];
            if (!name.StartsWith('/')) // a unix socket is local by definition
            {
                Loopback.Require(name, "ConnectionStrings__Postgres host");
            }
        }
    }

    // Clients connect to whatever gateways the membership table lists: check them before joining.
    private static async Task RequireLoopbackGatewaysAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT Address, ProxyPort FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = 3", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        var gateways = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var address = reader.GetString(0);
            Loopback.Require(address, $"Silo gateway {address} of cluster '{clusterId}'");
            gateways.Add($"{address}:{(reader.IsDBNull(1) ? 0 : reader.GetInt32(1))}");
        }

        if (gateways.Count == 0)
        {
            throw new UsageException($"No active silo of cluster '{clusterId}' in PostgreSQL's membership table: start the silos " +
                "(Orleans__Profile=Cluster dotnet run -c Release --project Silo) and set Orleans__ClusterId to theirs.");
        }

        Console.WriteLine($"cluster '{clusterId}': {gateways.Count} active silo(s) at {string.Join(", ", gateways)}");
    }

    private static void QuietLogging(HostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}
