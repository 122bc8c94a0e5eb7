using Instagram.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Instagram.Silo.Storage;

public static class PostgresGrainStorageExtensions
{
    /// <summary>
    /// Grain storage <paramref name="name"/> in PostgreSQL: reads and writes batched across grains, the ADO.NET provider
    /// (registered as "{name}.rows", binary state) for clears.
    /// </summary>
    public static ISiloBuilder AddBatchedPostgresGrainStorage(this ISiloBuilder silo, string name, string connectionString)
    {
        var rowsName = name + ".rows";
        silo.AddAdoNetGrainStorage(rowsName, options => options
            .Configure(storage =>
            {
                storage.Invariant = ClusterConnections.PostgresInvariant;
                storage.ConnectionString = connectionString;
            })
            .UseBinaryGrainState());
        silo.Services.AddKeyedSingleton(name, (sp, _) => new PostgresStatementBatcher<GrainStateRead, StoredGrainState?>(
            SmallPostgresPool.Create(connectionString, $"orleans-{name}-reads", maxPoolSize: 8),
            GrainStateStatements.Read, GrainStateStatements.StoredStateAsync, Logger(sp)));
        silo.Services.AddKeyedSingleton(name, (sp, _) => new PostgresStatementBatcher<GrainStateWrite, int?>(
            SmallPostgresPool.Create(connectionString, $"orleans-{name}-writes", maxPoolSize: 8),
            GrainStateStatements.Write, GrainStateStatements.WrittenVersionAsync, Logger(sp)));
        silo.Services.AddGrainStorage(name, (sp, providerName) => new BatchedPostgresGrainStorage(
            providerName,
            (AdoNetGrainStorage)sp.GetRequiredKeyedService<IGrainStorage>(rowsName),
            sp.GetRequiredKeyedService<PostgresStatementBatcher<GrainStateRead, StoredGrainState?>>(name),
            sp.GetRequiredKeyedService<PostgresStatementBatcher<GrainStateWrite, int?>>(name),
            sp.GetRequiredService<IActivatorProvider>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo;
    }

    /// <summary>
    /// Grain storage <paramref name="name"/> spread over several PostgreSQL databases (servers, or Citus-free
    /// shards), one batched provider per database ("{name}.shard{i}"), a grain's database chosen by its key.
    /// The list's order is the bucket ranges' order: changing it moves data (docs/sharding.md).
    /// </summary>
    public static ISiloBuilder AddShardedPostgresGrainStorage(this ISiloBuilder silo, string name, IReadOnlyList<string> connectionStrings)
    {
        var names = connectionStrings.Select((connectionString, i) =>
        {
            var shardName = $"{name}.shard{i}";
            silo.AddBatchedPostgresGrainStorage(shardName, connectionString);
            return shardName;
        }).ToList();
        var map = new GrainStorageShards(names.Count);
        silo.Services.AddGrainStorage(name, (sp, _) => new ShardedGrainStorage([.. names.Select(sp.GetRequiredKeyedService<IGrainStorage>)], map));
        return silo;
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Instagram.Silo.Storage.PostgresStatementBatcher");
}
