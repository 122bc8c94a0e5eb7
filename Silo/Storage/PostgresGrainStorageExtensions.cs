using Instagram.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Instagram.Silo.Storage;

public static class PostgresGrainStorageExtensions
{
    /// <summary>
    /// Grain storage <paramref name="name"/> in PostgreSQL: rows read by the ADO.NET provider (registered as
    /// "{name}.rows", binary state), writes batched across grains (<see cref="BatchedGrainStateWriter"/>).
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
        silo.Services.AddKeyedSingleton(name, (sp, _) => new BatchedGrainStateWriter(
            SmallPostgresPool.Create(connectionString, $"orleans-{name}-writes", maxPoolSize: 8),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<BatchedGrainStateWriter>()));
        silo.Services.AddGrainStorage(name, (sp, providerName) => new BatchedPostgresGrainStorage(
            providerName,
            (AdoNetGrainStorage)sp.GetRequiredKeyedService<IGrainStorage>(rowsName),
            sp.GetRequiredKeyedService<BatchedGrainStateWriter>(name),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo;
    }
}
