using Orleans.Streams;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// The events of one <see cref="IQueueAdapter.QueueMessageBatchAsync{T}"/> call. The same type is both the
/// payload of a Redis stream entry (written without a token) and, once read, the batch handed to the pulling
/// agent (with the token derived from the entry id).
/// </summary>
[GenerateSerializer]
[Alias("Instagram.Silo.Streaming.RedisStreams.RedisStreamsBatchContainer")]
internal sealed class RedisStreamsBatchContainer : IBatchContainer
{
    public RedisStreamsBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public List<object> Events { get; }

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; }

    /// <summary>Set by the receiver from the entry id; the producer leaves it empty.</summary>
    [Id(3)]
    public RedisStreamsSequenceToken? Token { get; set; }

    public StreamSequenceToken SequenceToken =>
        Token ?? throw new InvalidOperationException("This batch has not been read from Redis yet, so it has no position.");

    internal RedisStreamEntryId EntryId => ((RedisStreamsSequenceToken)SequenceToken).Entry;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var token = (RedisStreamsSequenceToken)SequenceToken;
        return BatchEvents.OfType<T>(Events, token.ForEvent);
    }

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    public override string ToString() => $"[RedisStreamsBatchContainer: {StreamId} {Token} ({Events.Count} events)]";
}
