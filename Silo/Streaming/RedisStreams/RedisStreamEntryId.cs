using System.Globalization;
using StackExchange.Redis;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// A Redis stream entry id, <c>{milliseconds}-{sequence}</c>, as numbers so ids compare in stream order
/// (as strings, "10-0" would sort before "9-0").
/// </summary>
internal readonly record struct RedisStreamEntryId(long Milliseconds, long Sequence) : IComparable<RedisStreamEntryId>
{
    public static RedisStreamEntryId Parse(RedisValue id)
    {
        var text = (string?)id ?? throw new FormatException("A Redis stream entry id is missing.");
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new FormatException($"'{text}' is not a Redis stream entry id.");
        }

        return new RedisStreamEntryId(milliseconds, sequence);
    }

    public int CompareTo(RedisStreamEntryId other)
    {
        var byTime = Milliseconds.CompareTo(other.Milliseconds);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(RedisStreamEntryId left, RedisStreamEntryId right) => left.CompareTo(right) < 0;

    public static bool operator >(RedisStreamEntryId left, RedisStreamEntryId right) => left.CompareTo(right) > 0;

    public static bool operator <=(RedisStreamEntryId left, RedisStreamEntryId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(RedisStreamEntryId left, RedisStreamEntryId right) => left.CompareTo(right) >= 0;

    public RedisValue ToRedisValue() => ToString();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");
}
