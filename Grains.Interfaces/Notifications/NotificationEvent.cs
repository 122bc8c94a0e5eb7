namespace Instagram.Grains.Notifications;

/// <summary>Something that happened to a user: sent on the notifications stream of the recipient.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Notifications.NotificationEvent")]
public sealed record NotificationEvent(
    [property: Id(0)] NotificationType Type,
    [property: Id(1)] long ActorId,
    [property: Id(2)] long? PostId,
    [property: Id(3)] DateTimeOffset At);
