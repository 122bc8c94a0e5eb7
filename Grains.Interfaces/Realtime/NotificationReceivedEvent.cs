using Instagram.Grains.Notifications;

namespace Instagram.Grains.Realtime;

/// <summary>A notification entered (or, for aggregated likes, moved to the top of) the inbox (hub event <c>notification</c>).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Realtime.NotificationReceivedEvent")]
public sealed record NotificationReceivedEvent([property: Id(0)] NotificationView Notification) : RealtimeEvent;
