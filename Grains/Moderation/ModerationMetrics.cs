using System.Diagnostics.Metrics;

namespace Instagram.Grains.Moderation;

/// <summary>Reports filed and admin actions taken, on the meter <see cref="MeterName"/>.</summary>
public static class ModerationMetrics
{
    public const string MeterName = "Instagram.Moderation";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Reports = Meter.CreateCounter<long>("instagram.moderation.reports",
        description: "Reports filed, by target type (a reporter repeating a report of an open item is not counted again)");

    public static readonly Counter<long> Actions = Meter.CreateCounter<long>("instagram.moderation.actions",
        description: "Admin actions taken, by action (dismiss, remove, suspend, lift)");

    public static KeyValuePair<string, object?> Tag(string name, Enum value) => new(name, value.ToString().ToLowerInvariant());
}
