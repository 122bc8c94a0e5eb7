using Instagram.Silo.Streaming.RedisStreams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Streams;

namespace Instagram.Silo.Tests.Infrastructure;

/// <summary>
/// One Redis Streams provider without a cluster: its adapter writes a single queue, and tests create, crash
/// and restart receivers on that queue at will, as pulling agents on different silos would.
/// </summary>
public sealed class RedisQueueHarness : IAsyncDisposable
{
    private static readonly Lazy<Serializer> SharedSerializer = new(() =>
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    private readonly List<RedisQueueAdapterFactory> _factories = [];
    private readonly StreamId _streamId = StreamId.Create("harness", Guid.NewGuid());
    private int _nextValue;

    public RedisQueueHarness(string purpose) => KeyPrefix = RedisTestEnvironment.NewKeyPrefix(purpose);

    public string KeyPrefix { get; }

    /// <summary>
    /// A provider instance, as one silo would have it; all of them share the queue of this harness. A test that reads
    /// the provider's metrics names it uniquely, since tests of other harnesses record under the same meter at once.
    /// </summary>
    internal RedisQueueAdapterFactory CreateFactory(TimeSpan claimIdleTime, int batchSize = 100, string provider = "harness")
    {
        var options = new RedisStreamsOptions
        {
            ConnectionString = RedisTestEnvironment.ConnectionString,
            KeyPrefix = KeyPrefix,
            QueueCount = 1,
            BatchSize = batchSize,
            ClaimIdleTime = claimIdleTime,
        };
        var factory = new RedisQueueAdapterFactory(provider, options, "tests", "harness-silo", SharedSerializer.Value, NullLoggerFactory.Instance);
        _factories.Add(factory);
        return factory;
    }

    internal static QueueId QueueOf(RedisQueueAdapterFactory factory) => factory.GetStreamQueueMapper().GetAllQueues().Single();

    internal async Task<RedisQueueAdapterReceiver> StartReceiverAsync(RedisQueueAdapterFactory factory, string consumerName)
    {
        var receiver = factory.CreateReceiver(QueueOf(factory), consumerName);
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        return receiver;
    }

    /// <summary>Produces <paramref name="count"/> single-event batches whose values continue 0, 1, 2, …</summary>
    internal async Task<int[]> ProduceAsync(RedisQueueAdapterFactory factory, int count)
    {
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var values = Enumerable.Range(_nextValue, count).ToArray();
        _nextValue += count;
        foreach (var value in values)
        {
            await adapter.QueueMessageBatchAsync(_streamId, [value], null, null);
        }

        return values;
    }

    internal static async Task<IList<IBatchContainer>> ReadAsync(RedisQueueAdapterReceiver receiver, int maxCount = 1_000) =>
        await receiver.GetQueueMessagesAsync(maxCount, CancellationToken.None);

    internal static IEnumerable<int> ValuesOf(IEnumerable<IBatchContainer> batches) =>
        batches.SelectMany(batch => batch.GetEvents<int>().Select(item => item.Item1));

    internal async Task<long> PendingCountAsync(RedisQueueAdapterFactory factory)
    {
        var database = await RedisTestEnvironment.GetDatabaseAsync();
        return (await database.StreamPendingAsync(factory.GetStreamKey(QueueOf(factory)), factory.ConsumerGroup)).PendingMessageCount;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factories.Count == 0)
        {
            return; // nothing was written (the test failed before reaching Redis)
        }

        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        await RedisTestEnvironment.DeleteKeysAsync(KeyPrefix);
    }
}
