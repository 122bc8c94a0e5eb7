namespace Instagram.Grains.Notifications;

[GenerateSerializer, Alias("Instagram.Grains.Notifications.NotificationRecord")]
public sealed class NotificationRecord
{
    /// <summary>Renewed whenever the entry gains an actor, so the newest activity sorts first and pages stay stable.</summary>
    [Id(0)] public long Id { get; set; }
    [Id(1)] public NotificationType Type { get; set; }
    [Id(2)] public long? PostId { get; set; }

    /// <summary>The most recent actors, newest first (a few are shown; the rest are counted).</summary>
    [Id(3)] public List<long> ActorIds { get; set; } = [];
    [Id(4)] public long ActorCount { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }
}
