namespace Instagram.Silo.Streaming;

/// <summary>Which engine carries the durable streams of the Cluster profile (<c>Streams:Provider</c>).</summary>
public enum StreamsProvider
{
    /// <summary>Our Redis Streams provider: the local and test engine, and the default everywhere.</summary>
    RedisStreams,

    /// <summary>Orleans' Azure Event Hubs provider, for the Azure deployment.</summary>
    EventHubs,
}
