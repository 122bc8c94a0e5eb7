using System.Diagnostics.Metrics;

namespace Instagram.Grains.Search;

/// <summary>How far the search index trails the posts it indexes.</summary>
public static class SearchMetrics
{
    public const string MeterName = "Instagram.Search";

    private static readonly Meter Meter = new(MeterName);

    /// <remarks>
    /// From the moment the post grain produced the event (<c>PostEvent.OccurredAt</c>, its silo's clock) to the moment
    /// the indexer's write to the index returned (the indexing silo's clock), so clock skew between silos shows up in
    /// it (a negative difference records as 0). A redelivered event is measured again, from its first production: the
    /// lag it reports is how long searches missed the change.
    /// </remarks>
    public static readonly Histogram<double> IndexLag = Meter.CreateHistogram<double>("instagram.search.index.lag", unit: "s",
        description: "From a post event being produced (published or deleted) to the search index applying it",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    /// <param name="kind"><c>upsert</c> (a published post written) or <c>delete</c> (a deleted or hidden post removed).</param>
    public static void RecordIndexed(DateTimeOffset occurredAt, DateTimeOffset indexedAt, string kind)
    {
        // An event produced before OccurredAt existed carries no time to measure from.
        if (occurredAt != default)
        {
            IndexLag.Record(Math.Max(0, (indexedAt - occurredAt).TotalSeconds), new KeyValuePair<string, object?>("kind", kind));
        }
    }
}
