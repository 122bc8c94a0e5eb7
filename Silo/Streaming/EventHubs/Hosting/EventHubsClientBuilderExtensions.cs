using Orleans.Streams;

namespace Instagram.Silo.Streaming.EventHubs.Hosting;

/// <summary>Registers the Event Hubs stream provider on a cluster client, so the client produces onto the silos' hub.</summary>
public static class EventHubsClientBuilderExtensions
{
    /// <summary>
    /// Adds the stream provider <paramref name="name"/> on the hub of the "EventHubs" section, with the silos' data
    /// adapter (both ends must write and read the same body) and implicit-only pub-sub.
    /// </summary>
    public static IClientBuilder AddInstagramEventHubStreams(this IClientBuilder client, string name) =>
        client.AddEventHubStreams(name, streams =>
        {
            streams.UseConfiguredHub();
            streams.UseDataAdapter(EventHubsSiloBuilderExtensions.CreateDataAdapter);
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
}
