using Instagram.Silo.Streaming;
using Instagram.Silo.Streaming.EventHubs.Hosting;
using Instagram.Silo.Streaming.RedisStreams.Hosting;
using Orleans.Streams;

namespace Instagram.Silo.Hosting;

/// <summary>
/// The Cluster profile's durable streams, on the engine <c>Streams:Provider</c> names (Redis Streams unless it says
/// EventHubs), under the one provider name grains use. Silos and producing clients call the matching overload, so both
/// ends always agree.
/// </summary>
public static class DurableStreams
{
    /// <summary>Optional configuration section with <c>RedisStreamsOptions</c> overrides.</summary>
    public const string RedisStreamsSection = "RedisStreams";

    public static ISiloBuilder AddDurableStreams(this ISiloBuilder silo, IConfiguration configuration, string redisConnectionString) =>
        StreamsOptions.From(configuration).Provider switch
        {
            StreamsProvider.EventHubs => silo.AddInstagramEventHubStreams(ProviderNames.Streams, checkpointStorage: ProviderNames.GrainStorage),
            _ => silo.AddRedisStreams(
                ProviderNames.Streams,
                options => options.Configure(redis => ConfigureRedis(redis, configuration, redisConnectionString)),
                streams => streams.UseInstagramDelivery()),
        };

    /// <summary>The same engine on a cluster client that produces events (the Api).</summary>
    public static IClientBuilder AddDurableStreams(this IClientBuilder client, IConfiguration configuration) =>
        StreamsOptions.From(configuration).Provider switch
        {
            StreamsProvider.EventHubs => client.AddInstagramEventHubStreams(ProviderNames.Streams),
            _ => client.AddRedisStreams(
                ProviderNames.Streams,
                options => options.Configure(redis => ConfigureRedis(redis, configuration, ClusterConnections.RedisFrom(configuration))),
                streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)),
        };

    private static void ConfigureRedis(Streaming.RedisStreams.RedisStreamsOptions redis, IConfiguration configuration, string connectionString)
    {
        configuration.GetSection(RedisStreamsSection).Bind(redis); // tuning knobs, e.g. ClaimIdleTime
        redis.ConnectionString = connectionString;
    }
}
