using System.Diagnostics.Metrics;

namespace Instagram.Grains.Stories;

/// <summary>Stories taken down by their reel's expiry reminder.</summary>
public static class StoryMetrics
{
    public const string MeterName = "Instagram.Stories";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Purged = Meter.CreateCounter<long>("instagram.stories.purged",
        description: "Expired stories purged (media deleted, taken off the reel)");
}
