using Instagram.Grains.Messages;
using Instagram.Grains.Notifications;

namespace Instagram.Grains.Abstractions;

/// <summary>
/// Where a new notification, or news of direct messages to a user with no device connected, would leave for the
/// user's devices (APNs, FCM). Delivery to devices is out of scope; the default implementation only logs, and a real
/// one plugs in here.
/// </summary>
public interface IPushNotificationSender
{
    Task SendAsync(long recipientId, NotificationType type, long actorId, long? postId);

    /// <summary>
    /// <paramref name="messageCount"/> new messages in one conversation (coalesced: one push per conversation per
    /// window), the newest being <paramref name="latest"/>.
    /// </summary>
    Task SendMessagesAsync(long recipientId, long conversationId, int messageCount, MessageView latest);
}
