using System.Diagnostics.Metrics;

namespace Instagram.Grains.Realtime;

/// <summary>
/// Real-time delivery on the meter <see cref="MeterName"/>: hub connections open on an Api instance, events the
/// registries routed to Api instances, events pushed to hub connections, and offline pushes sent through the push seam.
/// </summary>
public static class RealtimeMetrics
{
    public const string MeterName = "Instagram.Realtime";

    private static readonly Meter Meter = new(MeterName);

    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>("instagram.realtime.connections", description: "Hub connections open on this Api instance");

    public static readonly Counter<long> EventsRouted = Meter.CreateCounter<long>("instagram.realtime.events_routed", description: "Events a registry forwarded to an Api instance (one per instance holding a connection of the user)");

    public static readonly Counter<long> EventsDelivered = Meter.CreateCounter<long>("instagram.realtime.events_delivered", description: "Events pushed to hub connections (one per connection)");

    public static readonly Counter<long> PushesSent = Meter.CreateCounter<long>("instagram.realtime.pushes_sent", description: "Offline push notifications sent for new messages, after coalescing");
}
