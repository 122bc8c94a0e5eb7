using Instagram.Silo.Streaming.RedisStreams;
using Orleans.Configuration;

namespace Instagram.Silo.Streaming.RedisStreams.Hosting;

/// <summary>Registers a Redis Streams stream provider on a cluster client, so the client can produce events.</summary>
public static class RedisStreamsClientBuilderExtensions
{
    /// <summary>
    /// Adds the stream provider <paramref name="name"/> to the client; use the same name and the same
    /// <see cref="RedisStreamsOptions.KeyPrefix"/>, <see cref="RedisStreamsOptions.QueueCount"/> and ServiceId as the silos.
    /// </summary>
    public static IClientBuilder AddRedisStreams(this IClientBuilder builder, string name, Action<RedisStreamsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddRedisStreams(name, options => options.Configure(configure));
    }

    /// <summary>As <see cref="AddRedisStreams(IClientBuilder, string, Action{RedisStreamsOptions})"/>, with an options builder.</summary>
    public static IClientBuilder AddRedisStreams(
        this IClientBuilder builder,
        string name,
        Action<OptionsBuilder<RedisStreamsOptions>> configureOptions,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);

        return builder.AddPersistentStreams(name, RedisQueueAdapterFactory.Create, configurator =>
        {
            RedisStreamsRegistration.AddOptions(configurator, configureOptions);
            configureStream?.Invoke(configurator);
        });
    }
}
