using Instagram.Silo.Media;
using Instagram.Silo.Search;
using Instagram.Silo.Streaming.RedisStreams.Hosting;
using Orleans.Storage;

namespace Instagram.Silo.Hosting;

public static class ClusterProfile
{
    /// <summary>Optional configuration section with <c>RedisStreamsOptions</c> overrides.</summary>
    public const string RedisStreamsSection = "RedisStreams";

    /// <summary>
    /// Durable providers: grain state and reminders in PostgreSQL (ADO.NET, invariant Npgsql), events on Redis
    /// Streams, media in Blob Storage. Clustering is left to the caller, so the test host can supply its own membership.
    /// </summary>
    public static ISiloBuilder AddClusterProviders(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connections = ClusterConnections.From(configuration);
        foreach (var name in new[] { ProviderNames.GrainStorage, ProviderNames.PubSubStore })
        {
            silo.AddAdoNetGrainStorage(name, options => options.Configure<Orleans.Serialization.Serializer>((storage, serializer) =>
            {
                storage.Invariant = ClusterConnections.PostgresInvariant;
                storage.ConnectionString = connections.Postgres;
                // Orleans' own binary format: version tolerant through [Id]s and keyed by [Alias], so renaming or
                // moving a state class does not orphan stored rows (the ADO.NET default, Newtonsoft with
                // assembly-qualified $type names, would).
                storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = ClusterConnections.PostgresInvariant;
            options.ConnectionString = connections.Postgres;
        });
        silo.AddRedisStreams(ProviderNames.Streams, options =>
        {
            configuration.GetSection(RedisStreamsSection).Bind(options); // tuning knobs, e.g. ClaimIdleTime
            options.ConnectionString = connections.Redis;
        });
        silo.Services.AddMediaStore(connections.Blobs);
        silo.AddPostgresSearchIndex(connections.Postgres);
        return silo;
    }

    /// <summary>Membership in PostgreSQL: silos and clients find each other through the OrleansMembershipTable.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, ClusterConnections connections) =>
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = ClusterConnections.PostgresInvariant;
            options.ConnectionString = connections.Postgres;
        });

    public static IClientBuilder UsePostgresClustering(this IClientBuilder client, ClusterConnections connections) =>
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = ClusterConnections.PostgresInvariant;
            options.ConnectionString = connections.Postgres;
        });
}
