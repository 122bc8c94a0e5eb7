using Microsoft.Extensions.Logging;

namespace Instagram.Silo.Hosting;

/// <summary>
/// On the Embedded profile a stopping silo's in-memory stream agents race the deactivation of the queue grains they
/// read: on a busy machine their last reads are cancelled, and Orleans logs each one, each message it can no longer
/// address and each activation it cannot migrate (there is no other silo) as an error with a stack trace, on an
/// ordinary Ctrl+C. Errors of those categories are dropped from the
/// moment this silo starts stopping; before that, and for every other category, logging is as configured.
/// </summary>
internal sealed class StoppingStreamNoiseFilter : ILifecycleParticipant<ISiloLifecycle>
{
    // Orleans' in-memory queue receivers, its stream pulling agents, its dispatcher ("Failed to address message"), and its
    // activations, which on the way out look for another silo to migrate to and find none.
    private static readonly string[] Categories = ["Orleans.Providers.MemoryAdapterReceiver", "Orleans.Streams", "Orleans.Messaging", "Orleans.Grain"];

    private volatile bool _stopping;

    public void Participate(ISiloLifecycle lifecycle) =>
        // The Active stage stops first, before the stream agents and the grains.
        lifecycle.Subscribe(nameof(StoppingStreamNoiseFilter), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            _stopping = true;
            return Task.CompletedTask;
        });

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<StoppingStreamNoiseFilter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<StoppingStreamNoiseFilter>());
        // A rule names its own minimum level; Warning is what appsettings gives "Orleans", which these rules outrank.
        services.AddOptions<LoggerFilterOptions>().Configure<StoppingStreamNoiseFilter>((options, filter) =>
        {
            foreach (var category in Categories)
            {
                options.Rules.Add(new LoggerFilterRule(null, category, LogLevel.Warning, (_, _, level) => level < LogLevel.Error || !filter._stopping));
            }
        });
    }
}
