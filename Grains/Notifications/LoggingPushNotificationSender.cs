using Instagram.Grains.Abstractions;

namespace Instagram.Grains.Notifications;

internal sealed partial class LoggingPushNotificationSender(ILogger<LoggingPushNotificationSender> logger) : IPushNotificationSender
{
    public Task SendAsync(long recipientId, NotificationType type, long actorId, long? postId)
    {
        LogPush(recipientId, type, actorId, postId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Push to {RecipientId}: {Type} by {ActorId} on post {PostId}")]
    private partial void LogPush(long recipientId, NotificationType type, long actorId, long? postId);
}
