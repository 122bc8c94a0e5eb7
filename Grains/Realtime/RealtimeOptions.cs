using System.ComponentModel.DataAnnotations;

namespace Instagram.Grains.Realtime;

/// <summary>Real-time delivery and presence policy (configuration section "Realtime"), read by the silos and the Api.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>
    /// How often clients are expected to call <c>Heartbeat()</c>, and how often each Api instance restates its
    /// connections to the registries (so a registry that lost its memory recovers within one interval).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A user with no heartbeat from any device for this many intervals is offline.</summary>
    [Range(1, 10)]
    public int MissedHeartbeatsBeforeOffline { get; set; } = 2;

    /// <summary>
    /// How long a connection stays registered without its Api instance restating it: a crashed instance's connections
    /// are forgotten after this (at least two heartbeat intervals, so one late restatement is not fatal).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ConnectionTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages to an offline user in one conversation within this window leave as one push ("3 new messages").</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PushCoalescingWindow { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan OfflineAfter => HeartbeatInterval * MissedHeartbeatsBeforeOffline;

    public TimeSpan EffectiveConnectionTimeout => ConnectionTimeout > HeartbeatInterval * 2 ? ConnectionTimeout : HeartbeatInterval * 2;
}
