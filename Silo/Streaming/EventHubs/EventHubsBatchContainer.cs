using Orleans.Streaming.EventHubs;
using Orleans.Streams;

namespace Instagram.Silo.Streaming.EventHubs;

/// <summary>
/// The events of one Event Hubs event, handed to the pulling agent. Unlike Orleans' container, which casts every event
/// to the consumer's type, it hands a consumer only the events of its type (<see cref="BatchEvents"/>), as our Redis
/// container does, so switching engines changes no consumer's behaviour.
/// </summary>
[GenerateSerializer]
[Alias("Instagram.Silo.Streaming.EventHubs.EventHubsBatchContainer")]
internal sealed record EventHubsBatchContainer(
    [property: Id(0)] StreamId StreamId,
    [property: Id(1)] EventHubSequenceTokenV2 Token,
    [property: Id(2)] EventHubsPayload Payload) : IBatchContainer
{
    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        BatchEvents.OfType<T>(Payload.Events, index => new EventHubSequenceTokenV2(Token.EventHubOffset, Token.SequenceNumber, index));

    public bool ImportRequestContext()
    {
        if (Payload.RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(Payload.RequestContext);
        return true;
    }

    public override string ToString() => $"[EventHubsBatchContainer: {StreamId} {Token} ({Payload.Events.Count} events)]";
}
