using Instagram.Grains;
using Instagram.Grains.Common;
using Instagram.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Instagram.Silo.Tests.Infrastructure;

/// <summary>
/// A one-silo cluster configured exactly as a Cluster-profile silo with <c>Streams:Provider=EventHubs</c> (grains, state
/// and checkpoints in PostgreSQL, Orleans' Event Hubs provider with our settings), except that the provider's adapter
/// factory is <see cref="InMemoryEventHubAdapterFactory"/>, over the <see cref="InMemoryEventHub"/> named
/// <paramref name="hub"/>. Two clusters with the same service id and hub are one deployment restarted.
/// </summary>
public static class EventHubsTestCluster
{
    public const int PartitionCount = 4;

    public static async Task<TestCluster> StartAsync(string serviceId, string hub)
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = serviceId;
        foreach (var name in new[] { "Postgres", "Redis", "Blobs" })
        {
            builder.Properties[$"ConnectionStrings:{name}"] = Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")
                ?? throw new InvalidOperationException($"ConnectionStrings__{name} is not set; load /tmp/services.env or run infra/local/services.sh up.");
        }

        builder.Properties["Streams:Provider"] = "EventHubs";
        builder.Properties["EventHubs:HubName"] = hub;
        // Validated like a real one, never dialled: the in-memory factory has no hub client.
        builder.Properties["EventHubs:ConnectionString"] = "Endpoint=sb://in-memory.invalid/;SharedAccessKeyName=tests;SharedAccessKey=unused";
        builder.Properties["EventHubs:PartitionCount"] = PartitionCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["EventHubs:CheckpointInterval"] = "00:00:01";
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddInstagramGrains().AddClusterProviders(silo.Configuration);
            // Registered last, so the provider resolves this factory instead of the one that would dial Event Hubs.
            silo.Services.AddKeyedSingleton<IQueueAdapterFactory>(ProviderNames.Streams,
                (services, key) => InMemoryEventHubAdapterFactory.Create(services, (string)key!));
        }
    }
}
