using System.Collections.Concurrent;
using HdrHistogram;

namespace Instagram.LoadTest.Measurement;

/// <summary>Latencies (an HdrHistogram in microseconds, 3 significant digits, up to an hour) and errors of one operation.</summary>
public sealed class OpStats(string name)
{
    public const long HighestMicros = 3_600_000_000;
    private long _count;

    public string Name { get; } = name;

    public LongConcurrentHistogram Histogram { get; } = new(1, HighestMicros, 3);

    public ConcurrentDictionary<string, long> Errors { get; } = new();

    public long Count => Interlocked.Read(ref _count);

    public long ErrorCount => Errors.Values.Sum();

    public void Record(TimeSpan elapsed)
    {
        Histogram.RecordValue(Math.Clamp((long)(elapsed.Ticks / (double)TimeSpan.TicksPerMicrosecond), 1, HighestMicros));
        Interlocked.Increment(ref _count);
    }

    public void RecordError(string kind) => Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public double PercentileMs(double percentile) =>
        Histogram.TotalCount == 0 ? 0 : Histogram.GetValueAtPercentile(percentile) / 1_000.0;
}
