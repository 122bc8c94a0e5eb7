using System.Globalization;
using Orleans.Streams;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// Position of one event: the Redis entry id of its batch (<see cref="StreamSequenceToken.SequenceNumber"/> is
/// the millisecond part, <see cref="RedisSequence"/> the sequence part) and its index in the batch. Tokens of one
/// queue order like the entries of its Redis stream.
/// </summary>
[GenerateSerializer]
[Alias("Instagram.Silo.Streaming.RedisStreams.RedisStreamsSequenceToken")]
[Immutable]
public sealed class RedisStreamsSequenceToken : StreamSequenceToken
{
    public RedisStreamsSequenceToken(long milliseconds, long redisSequence, int eventIndex)
    {
        SequenceNumber = milliseconds;
        RedisSequence = redisSequence;
        EventIndex = eventIndex;
    }

    /// <summary>The millisecond part of the Redis entry id.</summary>
    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>Index of the event within its Redis entry.</summary>
    [Id(1)]
    public override int EventIndex { get; protected set; }

    /// <summary>The sequence part of the Redis entry id.</summary>
    [Id(2)]
    public long RedisSequence { get; private set; }

    /// <summary>The Redis stream entry id, e.g. <c>1700000000000-3</c>.</summary>
    public string EntryId => string.Create(CultureInfo.InvariantCulture, $"{SequenceNumber}-{RedisSequence}");

    internal RedisStreamEntryId Entry => new(SequenceNumber, RedisSequence);

    public RedisStreamsSequenceToken ForEvent(int eventIndex) => new(SequenceNumber, RedisSequence, eventIndex);

    public override bool Equals(StreamSequenceToken? other) =>
        other is RedisStreamsSequenceToken token
        && token.SequenceNumber == SequenceNumber
        && token.RedisSequence == RedisSequence
        && token.EventIndex == EventIndex;

    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    public override int GetHashCode() => HashCode.Combine(SequenceNumber, RedisSequence, EventIndex);

    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        var difference = SequenceNumber.CompareTo(other.SequenceNumber);
        if (difference != 0)
        {
            return difference;
        }

        // A foreign token has no sequence part; comparing the parts both sides have keeps the order total.
        if (other is RedisStreamsSequenceToken token)
        {
            difference = RedisSequence.CompareTo(token.RedisSequence);
            if (difference != 0)
            {
                return difference;
            }
        }

        return EventIndex.CompareTo(other.EventIndex);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[RedisStreamsSequenceToken: {EntryId}#{EventIndex}]");
}
