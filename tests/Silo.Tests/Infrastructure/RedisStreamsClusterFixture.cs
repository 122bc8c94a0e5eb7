using Instagram.Silo.Streaming.RedisStreams;
using Instagram.Silo.Streaming.RedisStreams.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Instagram.Silo.Tests.Infrastructure;

/// <summary>
/// One two-silo cluster for every test in <see cref="RedisStreamsClusterCollection"/>, with the Redis Streams
/// provider on both silos and on the client (which produces the events), under a key prefix of its own.
/// </summary>
public sealed class RedisStreamsClusterFixture : IAsyncLifetime
{
    public const string ProviderName = "RedisStreams";
    private const string ConnectionStringKey = "RedisStreamsTests:ConnectionString";
    private const string KeyPrefixKey = "RedisStreamsTests:KeyPrefix";

    public RedisStreamsClusterFixture()
    {
        KeyPrefix = RedisTestEnvironment.NewKeyPrefix("cluster");
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Properties[ConnectionStringKey] = RedisTestEnvironment.ConnectionString;
        builder.Properties[KeyPrefixKey] = KeyPrefix;
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<ClientSetup>();
        Cluster = builder.Build();
    }

    public TestCluster Cluster { get; }

    public string KeyPrefix { get; }

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        // Queues move to the second silo once it has joined; tests that start before that would race the hand-over.
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
        finally
        {
            await RedisTestEnvironment.DeleteKeysAsync(KeyPrefix);
        }
    }

    private static void Configure(RedisStreamsOptions options, IConfiguration configuration)
    {
        options.ConnectionString = configuration[ConnectionStringKey]!;
        options.KeyPrefix = configuration[KeyPrefixKey]!;
        options.QueueCount = 4;
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo
            .AddMemoryGrainStorage("PubSubStore")
            .AddRedisStreams(ProviderName, options => RedisStreamsClusterFixture.Configure(options, silo.Configuration));
    }

    private sealed class ClientSetup : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.AddRedisStreams(ProviderName, options => RedisStreamsClusterFixture.Configure(options, configuration));
    }
}

[CollectionDefinition(Name)]
public sealed class RedisStreamsClusterCollection : ICollectionFixture<RedisStreamsClusterFixture>
{
    public const string Name = "Redis Streams cluster";
}
