using Instagram.Grains.Users;

namespace Instagram.Grains.Notifications;

/// <summary>A notification as its recipient reads it: the latest actors (up to a few) and how many there were.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Notifications.NotificationView")]
public sealed record NotificationView(
    [property: Id(0)] long Id,
    [property: Id(1)] NotificationType Type,
    [property: Id(2)] UserSummary[] Actors,
    [property: Id(3)] long ActorCount,
    [property: Id(4)] long? PostId,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] bool Read);
