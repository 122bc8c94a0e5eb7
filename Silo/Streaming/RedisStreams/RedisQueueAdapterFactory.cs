using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Configuration.Overrides;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// Builds the pieces of one Redis Streams provider: the queue mapper (<see cref="RedisStreamsOptions.QueueCount"/>
/// queues on a hash ring, one Redis stream each), the adapter that writes and reads them, a simple per-queue
/// cache and a failure handler. Registered by <c>AddRedisStreams</c>; owns the provider's Redis connection and
/// closes it when the host's service provider is disposed.
/// </summary>
public sealed class RedisQueueAdapterFactory : IQueueAdapterFactory, IAsyncDisposable, IDisposable
{
    /// <summary>The field of a Redis stream entry that holds the serialized batch.</summary>
    internal const string PayloadField = "payload";

    private readonly string _providerName;
    private readonly string _serviceId;
    private readonly string? _siloName;
    private readonly Serializer _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HashRingBasedStreamQueueMapper _queueMapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly LoggingStreamFailureHandler _failureHandler;
    private readonly RedisStreamsConnection _connection;
    private RedisQueueAdapter? _adapter;

    internal RedisQueueAdapterFactory(
        string providerName,
        RedisStreamsOptions options,
        string serviceId,
        string? siloName,
        Serializer serializer,
        ILoggerFactory loggerFactory)
    {
        _providerName = providerName;
        Options = options;
        _serviceId = serviceId;
        _siloName = siloName;
        _serializer = serializer;
        _loggerFactory = loggerFactory;
        ConsumerGroup = options.ConsumerGroup ?? $"{serviceId}:{providerName}";
        _queueMapper = new HashRingBasedStreamQueueMapper(
            new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, providerName);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, providerName, loggerFactory);
        _failureHandler = new LoggingStreamFailureHandler(loggerFactory.CreateLogger<LoggingStreamFailureHandler>());
        // CLIENT SETNAME refuses spaces and the like, and a refused name fails the whole connect.
        var clientName = "orleans-streams:" + string.Concat(providerName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        _connection = new RedisStreamsConnection(options.ConnectionString, clientName);
    }

    internal RedisStreamsOptions Options { get; }

    internal string ConsumerGroup { get; }

    internal RedisStreamsConnection Connection => _connection;

    /// <summary>The factory delegate for <c>AddPersistentStreams</c>.</summary>
    public static RedisQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        var options = services.GetOptionsByName<RedisStreamsOptions>(name);
        var clusterOptions = services.GetProviderClusterOptions(name).Value;
        // Only silos read queues, and only they have a name; a client never builds a receiver.
        var siloName = services.GetService<ILocalSiloDetails>()?.Name;
        return new RedisQueueAdapterFactory(
            name,
            options,
            clusterOptions.ServiceId,
            siloName,
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<ILoggerFactory>());
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        _adapter ??= new RedisQueueAdapter(this, _providerName, _queueMapper, _serializer, _loggerFactory.CreateLogger<RedisQueueAdapter>());
        return Task.FromResult<IQueueAdapter>(_adapter);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _queueMapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(_failureHandler);

    /// <summary>The Redis key of a queue: <c>{KeyPrefix}:{ServiceId}:{provider}:{queue number}</c>.</summary>
    internal string GetStreamKey(QueueId queueId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Options.KeyPrefix}:{_serviceId}:{_providerName}:{queueId.GetNumericId()}");

    /// <summary>
    /// The consumer name a silo reads a queue under: silo name and queue. Silo names are unique among live silos
    /// (Orleans makes up a random one unless configured), so two readers never share a consumer; and a silo that
    /// keeps its configured name across a restart takes back what it had read but not acknowledged at once
    /// (XREADGROUP from 0), instead of leaving it to XAUTOCLAIM after <see cref="RedisStreamsOptions.ClaimIdleTime"/>.
    /// </summary>
    internal string GetConsumerName(QueueId queueId) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{_siloName ?? $"{Environment.MachineName}-{Environment.ProcessId}"}/{queueId.GetNumericId()}");

    internal RedisQueueAdapterReceiver CreateReceiver(QueueId queueId, string consumerName) =>
        new(_connection,
            GetStreamKey(queueId),
            ConsumerGroup,
            consumerName,
            Options,
            _serializer,
            RedisStreamsMetrics.QueueTags(_providerName, queueId),
            _loggerFactory.CreateLogger($"{typeof(RedisQueueAdapterReceiver).FullName}.{_providerName}.{queueId.GetNumericId()}"));

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    public void Dispose() => _connection.Dispose();
}
