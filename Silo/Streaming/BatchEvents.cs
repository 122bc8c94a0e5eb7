using Orleans.Streams;

namespace Instagram.Silo.Streaming;

/// <summary>How our batch containers (Redis Streams and Event Hubs) hand a consumer the events it asked for.</summary>
internal static class BatchEvents
{
    /// <summary>
    /// The events that are a <typeparamref name="T"/>, each with its token. Other events are skipped rather than cast,
    /// so a consumer of one type never faults on a batch that also carries another; indexes count every event of the
    /// batch, so a token names the same event whatever <typeparamref name="T"/> a consumer asks for.
    /// </summary>
    public static IEnumerable<Tuple<T, StreamSequenceToken>> OfType<T>(List<object> events, Func<int, StreamSequenceToken> tokenFor)
    {
        for (var index = 0; index < events.Count; index++)
        {
            if (events[index] is T item)
            {
                yield return Tuple.Create(item, tokenFor(index));
            }
        }
    }
}
