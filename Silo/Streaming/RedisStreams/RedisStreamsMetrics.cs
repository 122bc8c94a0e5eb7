using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Streams;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// Per-queue instruments of the Redis Streams provider, recorded by each silo's receivers and tagged with the provider
/// and the queue number, so a queue that falls behind or keeps being redelivered stands out.
/// </summary>
public static class RedisStreamsMetrics
{
    public const string MeterName = "Instagram.Streams";

    public const string RedeliveryAfterRestart = "restart";
    public const string RedeliveryAfterClaim = "claim";

    private static readonly Meter Meter = new(MeterName);

    /// <remarks>
    /// What the receiver knows without asking Redis: entries it has read (XREADGROUP or XAUTOCLAIM) and not yet
    /// acknowledged (XACK). That is events waiting in the pulling agent's cache, events delivered that the cache has not
    /// released yet (it releases whole buckets), and events whose delivery failed (they stay pending until the queue
    /// changes owner). Entries not yet read from Redis are not in it: Redis' <c>XINFO GROUPS</c> <c>lag</c> has those.
    /// </remarks>
    public static readonly UpDownCounter<long> Backlog = Meter.CreateUpDownCounter<long>("instagram.stream.queue.backlog", unit: "{entry}",
        description: "Stream entries this silo read from a queue and has not acknowledged yet");

    /// <remarks>
    /// Entries handed to the pulling agent again: <c>restart</c>, re-read by a consumer of the same name that had read
    /// them before it stopped; <c>claim</c>, taken over (XAUTOCLAIM) from a consumer that read them and never
    /// acknowledged (a dead silo, or a queue that moved), including claimed entries appended again to keep tokens ordered.
    /// </remarks>
    public static readonly Counter<long> Redeliveries = Meter.CreateCounter<long>("instagram.stream.queue.redeliveries", unit: "{entry}",
        description: "Stream entries delivered again after their first reader stopped or died without acknowledging them");

    public static TagList QueueTags(string provider, QueueId queueId) => new()
    {
        { "provider", provider },
        { "queue", queueId.GetNumericId() },
    };
}
