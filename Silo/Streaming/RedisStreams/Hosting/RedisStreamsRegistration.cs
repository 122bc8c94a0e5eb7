using Instagram.Silo.Streaming.RedisStreams;
using Orleans.Configuration;

namespace Instagram.Silo.Streaming.RedisStreams.Hosting;

/// <summary>What silo and client registrations of a Redis Streams provider have in common.</summary>
internal static class RedisStreamsRegistration
{
    public static void AddOptions(INamedServiceConfigurator configurator, Action<OptionsBuilder<RedisStreamsOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        var name = configurator.Name;
        configurator.Configure(configureOptions);
        configurator.ConfigureDelegate(services =>
        {
            services.ConfigureNamedOptionForLogging<RedisStreamsOptions>(name);
            services.AddSingleton(sp => RedisStreamsOptionsValidator.Create(sp, name));
        });
    }
}
