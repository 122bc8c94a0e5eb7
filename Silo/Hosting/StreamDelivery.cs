using Orleans.Streams;

namespace Instagram.Silo.Hosting;

public static class StreamDelivery
{
    /// <summary>Most queued events of one stream a pulling agent hands its consumer in one call.</summary>
    public const int EventsPerDelivery = 32;

    /// <summary>
    /// How both profiles' stream providers deliver. Every consumer in this product subscribes implicitly, so pub-sub
    /// is implicit only: no PubSubRendezvousGrain and no PubSubStore row per stream (so neither profile registers a
    /// PubSubStore), and there are millions of feed streams. A busy follower's feed receives several pushed posts per polling period,
    /// so the agent delivers a stream's queued events to its grain in one call rather than one call each.
    /// </summary>
    public static void UseInstagramDelivery(this ISiloPersistentStreamConfigurator streams)
    {
        streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        streams.ConfigurePullingAgent(agent => agent.Configure(options => options.BatchContainerBatchSize = EventsPerDelivery));
    }
}
