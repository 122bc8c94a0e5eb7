using Azure.Messaging.EventHubs;
using Orleans.Serialization;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;

namespace Instagram.Silo.Streaming.EventHubs;

/// <summary>
/// Orleans' Event Hubs data adapter with our body (<see cref="EventHubsPayload"/>) and batch container
/// (<see cref="EventHubsBatchContainer"/>). Everything else is Orleans': the partition key is the stream key (all events
/// of one stream land on one partition, in order), the namespace travels as an event property, and the cache's segment
/// encoding and offsets are untouched, so checkpoints mean what Orleans' checkpointers expect.
/// </summary>
public sealed class InstagramEventHubDataAdapter : EventHubDataAdapter
{
    private readonly Serializer _serializer;

    public InstagramEventHubDataAdapter(Serializer serializer)
        : base(serializer)
    {
        _serializer = serializer;
    }

    public override EventData ToQueueMessage<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("Event Hubs assigns positions itself; events cannot be produced with a sequence token.", nameof(token));
        }

        var eventData = new EventData(_serializer.SerializeToArray(new EventHubsPayload([.. events.Cast<object>()], requestContext)));
        eventData.SetStreamNamespaceProperty(streamId.GetNamespace());
        return eventData;
    }

    protected override IBatchContainer GetBatchContainer(EventHubMessage eventHubMessage) =>
        new EventHubsBatchContainer(
            eventHubMessage.StreamId,
            new EventHubSequenceTokenV2(eventHubMessage.Offset, eventHubMessage.SequenceNumber, 0),
            _serializer.Deserialize<EventHubsPayload>(eventHubMessage.Payload)
            ?? throw new InvalidOperationException($"Event {eventHubMessage.Offset} of stream {eventHubMessage.StreamId} has an empty body."));
}
