using Instagram.Grains.Abstractions;
using Instagram.Grains.Messages;

namespace Instagram.Grains.Notifications;

internal sealed partial class LoggingPushNotificationSender(ILogger<LoggingPushNotificationSender> logger) : IPushNotificationSender
{
    public Task SendAsync(long recipientId, NotificationType type, long actorId, long? postId)
    {
        LogPush(recipientId, type, actorId, postId);
        return Task.CompletedTask;
    }

    public Task SendMessagesAsync(long recipientId, long conversationId, int messageCount, MessageView latest)
    {
        LogMessagesPush(recipientId, messageCount, conversationId, latest.SenderId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Push to {RecipientId}: {Count} new messages in conversation {ConversationId}, the latest by {SenderId}")]
    private partial void LogMessagesPush(long recipientId, int count, long conversationId, long senderId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Push to {RecipientId}: {Type} by {ActorId} on post {PostId}")]
    private partial void LogPush(long recipientId, NotificationType type, long actorId, long? postId);
}
