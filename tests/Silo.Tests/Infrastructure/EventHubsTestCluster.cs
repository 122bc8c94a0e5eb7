using Instagram.Grains;
using Instagram.Grains.Common;
using Instagram.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using System.Globalization;
using Orleans.TestingHost;

namespace Instagram.Silo.Tests.Infrastructure;

/// <summary>
/// A one-silo cluster configured exactly as a Cluster-profile silo with <c>Streams:Provider=EventHubs</c> (grains, state
/// and checkpoints in PostgreSQL, Orleans' Event Hubs provider with our settings), either on a real namespace or with
/// the provider's adapter factory swapped for <see cref="InMemoryEventHubAdapterFactory"/>. Two clusters with the same
/// service id and hub are one deployment restarted.
/// </summary>
public static class EventHubsTestCluster
{
    public const int PartitionCount = 4;

    private const string InMemoryKey = "EventHubsTests:InMemoryHub";

    /// <summary>The names of the settings a real namespace is configured with, as environment variables.</summary>
    public static readonly string[] RealHubSettings =
        ["ConnectionString", "FullyQualifiedNamespace", "HubName", "ConsumerGroup", "PartitionCount"];

    /// <summary>True when the environment names a real namespace: a hub name and a connection string or namespace.</summary>
    public static bool RealHubConfigured =>
        Setting("HubName") is not null && (Setting("ConnectionString") is not null || Setting("FullyQualifiedNamespace") is not null);

    public static Task<TestCluster> StartOnInMemoryHubAsync(string serviceId, string hub) => StartAsync(serviceId, new Dictionary<string, string>
    {
        [InMemoryKey] = "true",
        ["EventHubs:HubName"] = hub,
        // Validated like a real one, never dialled: the in-memory factory has no hub client.
        ["EventHubs:ConnectionString"] = "Endpoint=sb://in-memory.invalid/;SharedAccessKeyName=tests;SharedAccessKey=unused",
        ["EventHubs:PartitionCount"] = PartitionCount.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>
    /// On the namespace of the <c>EventHubs__*</c> environment variables. A fresh service id has no checkpoint, and the
    /// hub keeps earlier runs' events, so the first read starts at the end of each partition (StartFromNow).
    /// </summary>
    public static Task<TestCluster> StartOnRealHubAsync(string serviceId)
    {
        var settings = RealHubSettings.Where(name => Setting(name) is not null).ToDictionary(name => $"EventHubs:{name}", name => Setting(name)!);
        settings["EventHubs:StartFromNow"] = "true";
        return StartAsync(serviceId, settings);
    }

    private static async Task<TestCluster> StartAsync(string serviceId, Dictionary<string, string> eventHubs)
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = serviceId;
        foreach (var name in new[] { "Postgres", "Redis", "Blobs" })
        {
            builder.Properties[$"ConnectionStrings:{name}"] = Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")
                ?? throw new InvalidOperationException($"ConnectionStrings__{name} is not set; load /tmp/services.env or run infra/local/services.sh up.");
        }

        builder.Properties["Streams:Provider"] = "EventHubs";
        builder.Properties["EventHubs:CheckpointInterval"] = "00:00:01";
        foreach (var (key, value) in eventHubs)
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<SiloSetup>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static string? Setting(string name) => Environment.GetEnvironmentVariable($"EventHubs__{name}") is { Length: > 0 } value ? value : null;

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddInstagramGrains().AddClusterProviders(silo.Configuration);
            if (silo.Configuration[InMemoryKey] != "true")
            {
                return;
            }

            // Registered last, so the provider resolves this factory instead of the one that would dial Event Hubs.
            silo.Services.AddKeyedSingleton<IQueueAdapterFactory>(ProviderNames.Streams,
                (services, key) => InMemoryEventHubAdapterFactory.Create(services, (string)key!));
        }
    }
}
