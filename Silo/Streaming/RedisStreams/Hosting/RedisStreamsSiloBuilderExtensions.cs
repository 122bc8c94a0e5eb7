using Instagram.Silo.Streaming.RedisStreams;
using Orleans.Configuration;

namespace Instagram.Silo.Streaming.RedisStreams.Hosting;

/// <summary>Registers a persistent stream provider backed by Redis Streams on a silo.</summary>
public static class RedisStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the stream provider <paramref name="name"/>, reading and writing Redis Streams. The silo also needs
    /// a grain storage named "PubSubStore" (or <paramref name="name"/>) for explicit subscriptions.
    /// </summary>
    public static ISiloBuilder AddRedisStreams(this ISiloBuilder builder, string name, Action<RedisStreamsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddRedisStreams(name, options => options.Configure(configure));
    }

    /// <summary>
    /// Adds the stream provider <paramref name="name"/>, reading and writing Redis Streams, with the options built
    /// through an <see cref="OptionsBuilder{TOptions}"/> (e.g. <c>BindConfiguration</c>) and optional further
    /// settings of the persistent stream machinery (pulling agent, queue balancer, pub-sub type).
    /// </summary>
    public static ISiloBuilder AddRedisStreams(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<RedisStreamsOptions>> configureOptions,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);

        return builder.AddPersistentStreams(name, RedisQueueAdapterFactory.Create, configurator =>
        {
            RedisStreamsRegistration.AddOptions(configurator, configureOptions);
            // Redis has no push to a pulling agent, so this period is the floor of delivery latency; 100 ms
            // keeps it low while an idle queue costs a handful of cheap commands per second.
            configurator.ConfigurePullingAgent(agent => agent.Configure(options =>
                options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(100)));
            configureStream?.Invoke(configurator);
        });
    }
}
