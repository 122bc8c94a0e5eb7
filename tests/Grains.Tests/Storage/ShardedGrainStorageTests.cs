using Instagram.Grains.Common;
using Instagram.Grains.Users;
using Instagram.Silo.Hosting;
using Instagram.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Storage;

/// <summary>
/// Grain state spread over two PostgreSQL databases by grain key. The stand-in for two servers is two schemas of the
/// local test database (each its own OrleansStorage table and functions from infra/sql, reached through the
/// connection string's search path): the test role may not create databases, and no new server is started.
/// </summary>
[Trait("Category", "Services")]
public sealed class ShardedGrainStorageTests : IAsyncLifetime
{
    private const int Users = 24;
    private readonly string _run = "shardtest_" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _serviceId = "sharded-" + Guid.NewGuid().ToString("N");
    private readonly IdGenerator _ids = new(IdGenerator.MaxGeneratorId - 1);

    private string[] Schemas => [$"{_run}_0", $"{_run}_1"];

    private static string Admin => Infrastructure.ServicesClusterFixture.Setting("Postgres");

    public async Task InitializeAsync()
    {
        var sql = Path.Combine(AppContext.BaseDirectory, "sql");
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        foreach (var schema in Schemas)
        {
            await ExecuteAsync(connection, $"CREATE SCHEMA {schema}; SET search_path TO {schema};");
            foreach (var file in new[] { "001-orleans-main.sql", "003-orleans-persistence.sql" })
            {
                await ExecuteAsync(connection, await File.ReadAllTextAsync(Path.Combine(sql, file)));
            }
        }
    }

    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        foreach (var schema in Schemas)
        {
            await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE;");
        }
    }

    [Fact]
    public async Task StateSplitsOverBothDatabasesByKeyAndReadsBackAfterARestart()
    {
        var users = new Dictionary<long, string>();
        var cluster = await StartAsync();
        try
        {
            for (var i = 0; i < Users; i++)
            {
                var id = _ids.NextId();
                users[id] = $"shard{id}";
                await cluster.Client.GetGrain<IUserGrain>(id).CreateAsync(new NewAccount(users[id], $"{users[id]}@example.com", "hash", $"Shard {i}"));
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        // Both databases hold rows, every row of a user is in the database the map names, and none is in both.
        var map = new GrainStorageShards(Schemas.Length);
        var rowsPerUser = await Task.WhenAll(Schemas.Select(RowsByKeyAsync));
        Assert.All(rowsPerUser, rows => Assert.NotEmpty(rows));
        foreach (var id in users.Keys)
        {
            var expected = map.ShardOf(GrainId.Create(GrainType.Create("user"), GrainIdKeyExtensions.CreateIntegerKey(id)));
            Assert.True(rowsPerUser[expected].ContainsKey(id), $"user {id}: no row in shard {expected}");
            Assert.False(rowsPerUser[1 - expected].ContainsKey(id), $"user {id}: rows in shard {1 - expected} too");
        }

        // A new cluster over the same databases reads every user back through the shard map.
        var restarted = await StartAsync();
        try
        {
            foreach (var (id, username) in users)
            {
                Assert.Equal(username, (await restarted.Client.GetGrain<IUserGrain>(id).GetSummaryAsync())?.Username);
            }
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    private async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = _serviceId;
        builder.Properties["Media:LocalPath"] = Path.Combine(Path.GetTempPath(), "instagram-grain-tests");
        for (var i = 0; i < Schemas.Length; i++)
        {
            builder.Properties[$"{ClusterProfile.GrainStorageShardsSection}:{i}"] =
                new NpgsqlConnectionStringBuilder(Admin) { SearchPath = Schemas[i] }.ConnectionString;
        }

        builder.AddSiloBuilderConfigurator<SiloSetup>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Rows of this test's service in one shard, by integer key (GrainIdN1), counted.</summary>
    private async Task<Dictionary<long, int>> RowsByKeyAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT grainidn1, count(*) FROM {schema}.orleansstorage WHERE serviceid = @service GROUP BY grainidn1", connection);
        command.Parameters.AddWithValue("service", _serviceId);
        var rows = new Dictionary<long, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetInt64(0)] = (int)reader.GetInt64(1);
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        // The Embedded profile's streams and reminders, with grain state replaced (registered last, under the same
        // name) by the sharded PostgreSQL storage the Cluster profile builds from GrainStorage:Shards.
        public void Configure(ISiloBuilder silo)
        {
            silo.AddInstagramGrains().AddEmbeddedProviders();
            var shards = silo.Configuration.GetSection(ClusterProfile.GrainStorageShardsSection).Get<string[]>()!;
            silo.AddShardedPostgresGrainStorage(ProviderNames.GrainStorage, shards);
        }
    }
}
