namespace Instagram.Grains.Notifications;

[GenerateSerializer, Alias("Instagram.Grains.Notifications.NotificationsState")]
public sealed class NotificationsState
{
    /// <summary>Newest first.</summary>
    [Id(0)] public List<NotificationRecord> Items { get; set; } = [];
    [Id(1)] public long ReadUpTo { get; set; }
}
