namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// Settings of one Redis Streams stream provider (one instance per provider name). Every silo and client
/// that uses the same provider name must agree on <see cref="KeyPrefix"/>, <see cref="QueueCount"/> and
/// <see cref="ConsumerGroup"/>, because together they decide which Redis key an Orleans stream lives in.
/// </summary>
public sealed class RedisStreamsOptions
{
    /// <summary>The default of <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "orleans-streams";

    /// <summary>The default of <see cref="QueueCount"/>.</summary>
    public const int DefaultQueueCount = 8;

    /// <summary>The default of <see cref="MaxStreamLength"/>.</summary>
    public const long DefaultMaxStreamLength = 100_000;

    /// <summary>The default of <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>The default of <see cref="CacheSize"/>.</summary>
    public const int DefaultCacheSize = 4096;

    /// <summary>The default of <see cref="ClaimIdleTime"/>.</summary>
    public static readonly TimeSpan DefaultClaimIdleTime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or
    /// <c>redis:6379,password=…,ssl=true</c>. Required. The server must be Redis 6.2 or later (XAUTOCLAIM).
    /// </summary>
    [RedactConnectionString]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// First part of every key this provider writes; the key of a queue is
    /// <c>{KeyPrefix}:{ServiceId}:{provider name}:{queue number}</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// How many Redis streams (queues) the Orleans streams are spread over; each queue is read by one pulling
    /// agent at a time, so this bounds the read parallelism of the cluster. Changing it moves streams to other
    /// queues: drain the old queues first, or events of a stream may be delivered out of order once.
    /// </summary>
    public int QueueCount { get; set; } = DefaultQueueCount;

    /// <summary>
    /// Upper bound for each Redis stream, applied on every XADD as <c>MAXLEN ~</c>. Trimming does not look at
    /// the consumer group: entries that were never read are trimmed too, so keep this well above the largest
    /// backlog a queue can build up (events per second × longest outage of the readers).
    /// </summary>
    public long MaxStreamLength { get; set; } = DefaultMaxStreamLength;

    /// <summary>
    /// Name of the Redis consumer group the silos read with. <see langword="null"/> (the default) means
    /// <c>{ServiceId}:{provider name}</c>.
    /// </summary>
    public string? ConsumerGroup { get; set; }

    /// <summary>Most entries one XREADGROUP / XAUTOCLAIM returns (its COUNT).</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>
    /// How long an entry must have been pending with another consumer (a silo that died or gave the queue
    /// away) before this silo claims it with XAUTOCLAIM and delivers it again. Shorter means faster recovery
    /// after a crash, but more duplicate deliveries when a consumer is merely slow.
    /// </summary>
    public TimeSpan ClaimIdleTime { get; set; } = DefaultClaimIdleTime;

    /// <summary>Events kept in each queue's in-memory cache on the silo that reads the queue.</summary>
    public int CacheSize { get; set; } = DefaultCacheSize;
}
