using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Instagram.Grains.Media;

/// <summary>The image pipeline: how many uploads wait to be processed, and how long each processing attempt took, by outcome.</summary>
public static class MediaMetrics
{
    public const string MeterName = "Instagram.Media";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> ProcessingDuration = Meter.CreateHistogram<double>("instagram.media.processing.duration", unit: "ms",
        description: "One processing attempt of an uploaded image; outcome: processed, rejected (a bad image) or retry (storage failed)");

    /// <remarks>
    /// An item counts from the moment its upload is complete (status <c>processing</c>) until it is ready or failed,
    /// on the silo whose activation holds it: waiting for a processing slot, waiting out a retry's backoff, or being
    /// processed. A silo's value is its own share; sum over silos for the cluster's queue. Items of a silo that died
    /// count again where their reminder reactivates them.
    /// </remarks>
    public static readonly UpDownCounter<long> QueueDepth = Meter.CreateUpDownCounter<long>("instagram.media.queue.depth", unit: "{item}",
        description: "Uploaded media items not yet processed or failed, on this silo");

    public static void RecordProcessing(long startedAt, string outcome) =>
        ProcessingDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>("outcome", outcome));
}
