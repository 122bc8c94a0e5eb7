using System.Diagnostics.Metrics;

namespace Instagram.Grains.FanOut;

/// <summary>
/// What fan-out does, as OpenTelemetry-style instruments on the meter <see cref="MeterName"/>: events handled,
/// feeds delivered to, followers skipped as inactive, events that failed (and will be redelivered), and the lag from a
/// post's creation to its delivery to the last feed of a page.
/// </summary>
public static class FanOutMetrics
{
    public const string MeterName = "Instagram.FanOut";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Events = Meter.CreateCounter<long>("instagram.fanout.events", description: "Fan-out events (one per follower page and post) handled");

    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("instagram.fanout.deliveries", description: "Feeds a post was delivered to");

    public static readonly Counter<long> SkippedInactive = Meter.CreateCounter<long>("instagram.fanout.skipped_inactive", description: "Followers skipped because they were inactive");

    public static readonly Counter<long> FailedEvents = Meter.CreateCounter<long>("instagram.fanout.failed_events", description: "Fan-out events left to be redelivered");

    public static readonly Histogram<double> DeliveryLag = Meter.CreateHistogram<double>("instagram.fanout.delivery_lag", unit: "ms", description: "From a post's creation to its delivery to the last feed of a page");
}
