using Instagram.Grains.Notifications;

namespace Instagram.Grains.Abstractions;

/// <summary>
/// Where a new notification would leave for the user's devices (APNs, FCM). Delivery to devices is out of scope;
/// the default implementation only logs, and a real one plugs in here.
/// </summary>
public interface IPushNotificationSender
{
    Task SendAsync(long recipientId, NotificationType type, long actorId, long? postId);
}
