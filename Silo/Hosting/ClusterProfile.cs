using Instagram.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Instagram.Silo.Feed;
using Instagram.Silo.Media;
using Instagram.Silo.Search;
using Instagram.Silo.Storage;

namespace Instagram.Silo.Hosting;

public static class ClusterProfile
{
    /// <summary>Optional list of PostgreSQL connection strings, one per grain-state shard, in bucket-range order.</summary>
    public const string GrainStorageShardsSection = "GrainStorage:Shards";

    /// <summary>
    /// Durable providers: grain state (writes batched across grains) and reminders in PostgreSQL (ADO.NET, invariant Npgsql), events on Redis
    /// Streams or Event Hubs (<see cref="DurableStreams"/>), media in Blob Storage. Clustering is left to the caller, so the test host can supply its own membership.
    /// </summary>
    public static ISiloBuilder AddClusterProviders(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connections = ClusterConnections.From(configuration);
        // GrainStorage:Shards (a list of connection strings) spreads grain state over several databases; see docs/sharding.md.
        if (configuration.GetSection(GrainStorageShardsSection).Get<string[]>() is { Length: > 1 } shards)
        {
            silo.AddShardedPostgresGrainStorage(ProviderNames.GrainStorage, [.. shards.Select(PostgresConnectionTuning.Apply)]);
        }
        else
        {
            silo.AddBatchedPostgresGrainStorage(ProviderNames.GrainStorage, connections.Postgres);
        }

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = ClusterConnections.PostgresInvariant;
            options.ConnectionString = connections.Postgres;
        });
        silo.AddDurableStreams(configuration, connections.Redis);
        silo.Services.AddMediaStore(connections.Blobs);
        silo.AddPostgresSearchIndex(connections.Postgres);
        silo.Services.TryAddSingleton<IAuthorPostsIndex>(sp => new PostgresAuthorPostsIndex(connections.Postgres, sp.GetRequiredService<IOptions<ClusterOptions>>()));
        silo.Services.CacheGrainInterfaceTypes(); // a runtime service replaced, on every silo whatever the profile
        return silo;
    }

    /// <summary>Membership in PostgreSQL: silos and clients find each other through the OrleansMembershipTable.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, ClusterConnections connections) =>
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = ClusterConnections.PostgresInvariant;
            options.ConnectionString = connections.Postgres;
        });

    public static IClientBuilder UsePostgresClustering(this IClientBuilder client, string postgres) =>
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = ClusterConnections.PostgresInvariant;
            options.ConnectionString = postgres;
        });
}
