using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Instagram.Grains.Media;

/// <summary>The image pipeline: how long each processing attempt took, by outcome.</summary>
public static class MediaMetrics
{
    public const string MeterName = "Instagram.Media";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> ProcessingDuration = Meter.CreateHistogram<double>("instagram.media.processing.duration", unit: "ms",
        description: "One processing attempt of an uploaded image; outcome: processed, rejected (a bad image) or retry (storage failed)");

    public static void RecordProcessing(long startedAt, string outcome) =>
        ProcessingDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>("outcome", outcome));
}
