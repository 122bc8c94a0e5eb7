using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// Writes each batch of events as one entry (XADD … MAXLEN ~) of the Redis stream of the stream's queue, and
/// creates the receivers that read a queue on behalf of the pulling agents.
/// </summary>
internal sealed partial class RedisQueueAdapter(
    RedisQueueAdapterFactory factory,
    string name,
    IStreamQueueMapper queueMapper,
    Serializer serializer,
    ILogger<RedisQueueAdapter> logger) : IQueueAdapter
{
    public string Name => name;

    // Consumers cannot ask for events older than what the cache still holds: acknowledged entries are gone
    // from the consumer group's view, so rewinding is not offered.
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        factory.CreateReceiver(queueId, factory.GetConsumerName(queueId));

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException(
                "The Redis Streams provider assigns positions itself; events cannot be produced with a sequence token.", nameof(token));
        }

        var queueId = queueMapper.GetQueueForStream(streamId);
        try
        {
            var payload = serializer.SerializeToArray(new RedisStreamsBatchContainer(streamId, events.Cast<object>().ToList(), requestContext));
            var database = await factory.Connection.GetDatabaseAsync(CancellationToken.None);
            await database.StreamAddAsync(
                factory.GetStreamKey(queueId),
                RedisQueueAdapterFactory.PayloadField,
                payload,
                maxLength: factory.Options.MaxStreamLength,
                useApproximateMaxLength: true);
        }
        catch (Exception exception)
        {
            LogEnqueueFailed(exception, name, streamId, queueId);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider} could not enqueue events of stream {StreamId} on queue {QueueId}.")]
    private partial void LogEnqueueFailed(Exception exception, string provider, StreamId streamId, QueueId queueId);
}
