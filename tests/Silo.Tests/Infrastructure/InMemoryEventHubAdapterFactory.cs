using Instagram.Silo.Streaming.EventHubs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Statistics;
using Orleans.Streaming.EventHubs;
using Orleans.Streaming.EventHubs.Testing;
using Orleans.Streams;

namespace Instagram.Silo.Tests.Infrastructure;

/// <summary>
/// Orleans' EventDataGenerator adapter factory (the Event Hubs provider without a hub client) with its generator swapped
/// for an <see cref="InMemoryEventHub"/>: producing appends to the hub through the configured data adapter, and each
/// partition's receiver starts where the checkpointer says. The stock generator invents events of its own and ignores
/// the start offset, so it could show neither our payloads nor a resume from a checkpoint. Everything between (the
/// pulling agents, Orleans' Event Hubs cache and receiver, our data adapter, the grain checkpointer) is the real code.
/// </summary>
public sealed class InMemoryEventHubAdapterFactory(
    string name,
    EventDataGeneratorStreamOptions options,
    EventHubOptions ehOptions,
    EventHubReceiverOptions receiverOptions,
    EventHubStreamCachePressureOptions cacheOptions,
    StreamCacheEvictionOptions evictionOptions,
    StreamStatisticOptions statisticOptions,
    IEventHubDataAdapter dataAdapter,
    IServiceProvider serviceProvider,
    ILoggerFactory loggerFactory,
    IEnvironmentStatisticsProvider environmentStatisticsProvider,
    InMemoryEventHub hub)
    : EventDataGeneratorAdapterFactory(name, options, ehOptions, receiverOptions, cacheOptions, evictionOptions, statisticOptions, dataAdapter, serviceProvider, loggerFactory, environmentStatisticsProvider)
{
    public InMemoryEventHub Hub => hub;

    public override void Init()
    {
        base.Init();
        EventHubReceiverFactory = (settings, offset, _) =>
            new InMemoryPartitionReceiver(hub, settings.Partition, offset, settings.ReceiverOptions.StartFromNow);
    }

    public override Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        hub.Append(this.dataAdapter.GetPartitionKey(streamId), this.dataAdapter.ToQueueMessage(streamId, events, token, requestContext));
        return Task.CompletedTask;
    }

    /// <summary>The factory delegate for <c>AddPersistentStreams</c>: the hub named by <c>EventHubs:HubName</c>.</summary>
    public static new InMemoryEventHubAdapterFactory Create(IServiceProvider services, string name)
    {
        var ours = services.GetRequiredService<IOptions<EventHubsStreamOptions>>().Value;
        var generatorOptions = new EventDataGeneratorStreamOptions { EventHubPartitionCount = ours.PartitionCount };
        var ehOptions = new EventHubOptions();
        // Names the hub in the provider's logs and metrics; the connection is never opened (the factory has no client).
        ehOptions.ConfigureEventHubConnection(
            _ => throw new InvalidOperationException("The in-memory hub has no connection."), ours.HubName, ours.ConsumerGroup);
        var factory = ActivatorUtilities.CreateInstance<InMemoryEventHubAdapterFactory>(
            services,
            name,
            generatorOptions,
            ehOptions,
            services.GetOptionsByName<EventHubReceiverOptions>(name),
            services.GetOptionsByName<EventHubStreamCachePressureOptions>(name),
            services.GetOptionsByName<StreamCacheEvictionOptions>(name),
            services.GetOptionsByName<StreamStatisticOptions>(name),
            services.GetRequiredKeyedService<IEventHubDataAdapter>(name),
            InMemoryEventHub.Named(ours.HubName, ours.PartitionCount));
        factory.Init();
        return factory;
    }
}
