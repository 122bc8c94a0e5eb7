using System.ComponentModel.DataAnnotations;

namespace Instagram.Grains.Stories;

/// <summary>Story policy (configuration section "Stories").</summary>
public sealed class StoriesOptions
{
    public const string SectionName = "Stories";

    /// <summary>How long a story lives.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The period of each reel's expiry reminder after its first, on-time firing: the reconciliation sweep that
    /// catches a firing the reminder service missed. Orleans requires at least one minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Extra wait after the earliest expiry before the reminder fires (zero in production; tests use it to prove reads do not depend on the reminder).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan PurgeDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Longest story video.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxVideoDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long creating a story waits for a just-uploaded video's probe (its duration) before refusing with "try
    /// again": the probe runs before the video queues for transcoding, so it normally takes a second or two.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan VideoProbeWait { get; set; } = TimeSpan.FromSeconds(10);
}
