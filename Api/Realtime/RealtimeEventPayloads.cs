using System.Globalization;
using Instagram.Api.Notifications;
using Instagram.Api.Posts;
using Instagram.Grains.Messages;
using Instagram.Grains.Realtime;

namespace Instagram.Api.Realtime;

/// <summary>The hub's server events: each registry event as the name and JSON the contract gives it (ids as strings).</summary>
public static class RealtimeEventPayloads
{
    public const string Message = "message", Read = "read", Presence = "presence", Notification = "notification";

    public static (string Name, object Payload) From(RealtimeEvent realtimeEvent) => realtimeEvent switch
    {
        MessageEvent message => (Message, new MessageEventPayload(Id(message.ConversationId), MessagePayload.From(message.Message))),
        ReadEvent read => (Read, new ReadEventPayload(Id(read.ConversationId), Id(read.UserId), read.UpToSeq)),
        PresenceEvent presence => (Presence, new PresenceEventPayload(Id(presence.UserId), presence.Online, presence.LastActiveAt)),
        NotificationReceivedEvent notification => (Notification, NotificationResponse.From(notification.Notification)),
        _ => throw new ArgumentOutOfRangeException(nameof(realtimeEvent), realtimeEvent.GetType().Name, "No hub event for this realtime event."),
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

public sealed record MessageEventPayload(string ConversationId, MessagePayload Message);

/// <summary>A message in the shape POST /v1/conversations/{id}/messages answers with.</summary>
public sealed record MessagePayload(string Id, string ConversationId, long Seq, string SenderId, string ClientMessageId, string? Text,
    MediaResponse? Media, DateTimeOffset CreatedAt)
{
    public static MessagePayload From(MessageView message) => new(
        message.Id.ToString(CultureInfo.InvariantCulture),
        message.ConversationId.ToString(CultureInfo.InvariantCulture),
        message.Seq,
        message.SenderId.ToString(CultureInfo.InvariantCulture),
        message.ClientMessageId,
        message.Text,
        message.Media is { } media ? MediaResponse.From(media) : null,
        message.CreatedAt);
}

public sealed record ReadEventPayload(string ConversationId, string UserId, long UpToSeq);

public sealed record PresenceEventPayload(string UserId, bool Online, DateTimeOffset? LastActiveAt);
