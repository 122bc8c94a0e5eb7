using Orleans.Configuration;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;
using Instagram.Silo.Hosting;

namespace Instagram.Silo.Streaming.EventHubs.Hosting;

/// <summary>Registers Orleans' Event Hubs stream provider on a silo, set up the way this product needs it.</summary>
public static class EventHubsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the stream provider <paramref name="name"/> on the hub of the "EventHubs" section (validated at start-up),
    /// with checkpoints in the grain storage <paramref name="checkpointStorage"/>.
    /// </summary>
    public static ISiloBuilder AddInstagramEventHubStreams(this ISiloBuilder silo, string name, string checkpointStorage) =>
        silo.AddEventHubStreams(name, streams =>
        {
            streams.UseConfiguredHub();
            streams.UseInstagramEventHubSettings(checkpointStorage);
        });

    /// <summary>
    /// Everything but the connection, shared by the real provider and its test double (Orleans' EventDataGenerator):
    /// our data adapter, the receiver settings, the checkpointer and the product's delivery settings.
    /// </summary>
    /// <remarks>
    /// Checkpoints go through Orleans' grain checkpointer into <paramref name="checkpointStorage"/> (our PostgreSQL grain
    /// storage on the Cluster profile): one small row per partition written every
    /// <see cref="EventHubsStreamOptions.CheckpointInterval"/>, in the database the silos already depend on, instead of
    /// a Table service and a second credential for Orleans' Azure Table checkpointer.
    /// </remarks>
    public static void UseInstagramEventHubSettings(this ISiloPersistentStreamConfigurator streams, string checkpointStorage)
    {
        streams.ConfigureDelegate(services => services.AddEventHubsStreamOptions());
        streams.ConfigureComponent<IEventHubDataAdapter>(CreateDataAdapter);
        streams.Configure<EventHubReceiverOptions>(receiver => receiver.Configure<IOptions<EventHubsStreamOptions>>((options, ours) =>
        {
            options.PrefetchCount = ours.Value.PrefetchCount;
            options.StartFromNow = ours.Value.StartFromNow;
        }));
        streams.UseGrainCheckpointer(checkpointer => checkpointer.Configure<IOptions<EventHubsStreamOptions>>((options, ours) =>
        {
            options.StorageProviderName = checkpointStorage;
            options.PersistInterval = ours.Value.CheckpointInterval;
            // Offsets are numbers: an older one arriving late must not move the checkpoint back.
            options.CheckpointComparer = StreamCheckpointComparers.Numeric;
        }));
        streams.UseInstagramDelivery();
    }

    internal static IEventHubDataAdapter CreateDataAdapter(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<InstagramEventHubDataAdapter>(services);
}
