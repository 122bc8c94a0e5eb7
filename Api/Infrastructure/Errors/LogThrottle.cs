namespace Instagram.Api.Infrastructure.Errors;

/// <summary>
/// At most one log line per interval for a condition that arrives in bursts (a silo failover answering hundreds of
/// requests 503 at once): the first occurrence is logged, later ones are counted and the count goes on the next line.
/// </summary>
public sealed class LogThrottle(TimeSpan interval, TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _nextLineAt = DateTimeOffset.MinValue;
    private int _suppressed;

    /// <summary>True when this occurrence should be logged; <paramref name="suppressed"/> is how many were not since the last line.</summary>
    public bool ShouldLog(out int suppressed)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now < _nextLineAt)
            {
                _suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = _suppressed;
            _suppressed = 0;
            _nextLineAt = now + interval;
            return true;
        }
    }
}
