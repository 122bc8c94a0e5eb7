using System.Collections.Concurrent;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Messages;
using Instagram.Grains.Notifications;

namespace Instagram.Api.Tests.Realtime;

/// <summary>The push seam of a test host: keeps every message push it is asked to send.</summary>
public sealed class RecordingPushSender : IPushNotificationSender
{
    public ConcurrentQueue<MessagePush> MessagePushes { get; } = new();

    public Task SendAsync(long recipientId, NotificationType type, long actorId, long? postId) => Task.CompletedTask;

    public Task SendMessagesAsync(long recipientId, long conversationId, int messageCount, MessageView latest)
    {
        MessagePushes.Enqueue(new MessagePush(recipientId, conversationId, messageCount, latest.Seq));
        return Task.CompletedTask;
    }

    public List<MessagePush> To(long recipientId) => [.. MessagePushes.Where(p => p.RecipientId == recipientId)];
}

public sealed record MessagePush(long RecipientId, long ConversationId, int MessageCount, long LatestSeq);
