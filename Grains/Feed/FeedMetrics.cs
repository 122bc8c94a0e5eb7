using System.Diagnostics.Metrics;

namespace Instagram.Grains.Feed;

/// <summary>What reading feeds costs: rebuilds of cold feeds and their duration, and celebrity timelines pulled.</summary>
public static class FeedMetrics
{
    public const string MeterName = "Instagram.Feed";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Rebuilds = Meter.CreateCounter<long>("instagram.feed.rebuilds",
        description: "Cold feeds rebuilt from the followed authors' posts (the author-posts read model)");

    public static readonly Histogram<double> RebuildDuration = Meter.CreateHistogram<double>("instagram.feed.rebuild.duration", unit: "ms",
        description: "Time to rebuild a cold feed, waiting for a rebuild slot included");

    public static readonly Counter<long> CelebrityPulls = Meter.CreateCounter<long>("instagram.feed.celebrity_pulls",
        description: "Celebrity timelines merged into feed reads (celebrities are pulled, never pushed)");
}
