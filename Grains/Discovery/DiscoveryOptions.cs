using System.ComponentModel.DataAnnotations;

namespace Instagram.Grains.Discovery;

/// <summary>Explore and trending policy (configuration section "Discovery").</summary>
public sealed class DiscoveryOptions
{
    public const string SectionName = "Discovery";

    /// <summary>How long one user's explore ranking is reused; cursor pages are stable within it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ExploreCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often candidate engagement (likes, comments) is re-read.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CandidateRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long each silo buffers hashtag uses before sending them to the trending windows.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan TrendingFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one viewer's reel candidates (blocked authors removed) are reused before they are read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ReelsCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long each silo buffers reel watch time before sending the totals on.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan WatchFlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
