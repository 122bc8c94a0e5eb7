using System.ComponentModel.DataAnnotations;

namespace Instagram.Grains.Notifications;

/// <summary>Notification inbox policy (configuration section "Notifications").</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Likes on one post arriving within this window fold into one entry.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan LikeAggregationWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many entries an inbox keeps.</summary>
    [Range(10, 10_000)]
    public int MaxItems { get; set; } = 200;

    /// <summary>How often a changed inbox is written: a viral post's author gets many events a second, and one write serves them all.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
