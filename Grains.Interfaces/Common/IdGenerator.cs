namespace Instagram.Grains.Common;

/// <summary>
/// Snowflake-style 64-bit ids: 41 bits of milliseconds since <see cref="Epoch"/>, 10 bits of generator id,
/// 12 bits of sequence. Ids sort by creation time, so they double as cursors. Two processes must never share a generator
/// id: one is either configured or held under a lease that <see cref="Bind"/> renews; a lapsed lease stops minting.
/// </summary>
public sealed class IdGenerator
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const int MaxGeneratorId = 1023;
    private const int SequenceBits = 12;
    private const int GeneratorBits = 10;
    private const long SequenceMask = (1L << SequenceBits) - 1;

    private readonly TimeProvider _time;
    private long _generatorId;
    private DateTimeOffset _mintUntil = DateTimeOffset.MaxValue;
    private readonly Lock _gate = new();
    private long _lastMillis = -1;
    private long _sequence;

    public IdGenerator(int generatorId, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generatorId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(generatorId, MaxGeneratorId);
        _generatorId = generatorId;
        _time = time ?? TimeProvider.System;
    }

    public int GeneratorId
    {
        get
        {
            lock (_gate)
            {
                return (int)_generatorId;
            }
        }
    }

    /// <summary>Mints with <paramref name="generatorId"/> until <paramref name="mintUntil"/>, when its lease may pass to another process.</summary>
    public void Bind(int generatorId, DateTimeOffset mintUntil)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generatorId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(generatorId, MaxGeneratorId);
        lock (_gate)
        {
            _generatorId = generatorId;
            _mintUntil = mintUntil;
        }
    }

    public long NextId()
    {
        lock (_gate)
        {
            if (_time.GetUtcNow() >= _mintUntil)
            {
                throw new InvalidOperationException(
                    $"The lease on generator id {_generatorId} lapsed at {_mintUntil:O} (Redis unreachable?); no ids until it is renewed.");
            }

            var millis = Math.Max(CurrentMillis(), _lastMillis);
            if (millis == _lastMillis)
            {
                _sequence = (_sequence + 1) & SequenceMask;
                if (_sequence == 0)
                {
                    // 4096 ids in one millisecond: borrow the next millisecond rather than spin.
                    millis++;
                }
            }
            else
            {
                _sequence = 0;
            }

            _lastMillis = millis;
            return (millis << (GeneratorBits + SequenceBits)) | (_generatorId << SequenceBits) | _sequence;
        }
    }

    /// <summary>The creation time encoded in an id.</summary>
    public static DateTimeOffset TimeOf(long id) => Epoch.AddMilliseconds(id >> (GeneratorBits + SequenceBits));

    /// <summary>The smallest id that could have been created at <paramref name="time"/>; useful as a time cursor.</summary>
    public static long MinIdAt(DateTimeOffset time) => (long)(time - Epoch).TotalMilliseconds << (GeneratorBits + SequenceBits);

    private long CurrentMillis() => (long)(_time.GetUtcNow() - Epoch).TotalMilliseconds;
}
