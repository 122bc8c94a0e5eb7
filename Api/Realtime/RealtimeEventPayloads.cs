using System.Globalization;
using Instagram.Api.Messages;
using Instagram.Api.Notifications;
using Instagram.Grains.Realtime;

namespace Instagram.Api.Realtime;

/// <summary>The hub's server events: each registry event as the name and JSON the contract gives it (ids as strings).</summary>
public static class RealtimeEventPayloads
{
    public const string Message = "message", Read = "read", Presence = "presence", Notification = "notification", Typing = "typing",
        MessageRemoved = "messageRemoved";

    public static (string Name, object Payload) From(RealtimeEvent realtimeEvent) => realtimeEvent switch
    {
        MessageEvent message => (Message, new MessageEventPayload(Id(message.ConversationId), MessageResponse.From(message.Message))),
        ReadEvent read => (Read, new ReadEventPayload(Id(read.ConversationId), Id(read.UserId), read.UpToSeq)),
        PresenceEvent presence => (Presence, new PresenceEventPayload(Id(presence.UserId), presence.Online, presence.LastActiveAt)),
        NotificationReceivedEvent notification => (Notification, NotificationResponse.From(notification.Notification)),
        TypingEvent typing => (Typing, new TypingEventPayload(Id(typing.ConversationId), Id(typing.UserId))),
        MessageRemovedEvent removed => (MessageRemoved, new MessageRemovedEventPayload(Id(removed.ConversationId), Id(removed.MessageId), removed.Seq)),
        _ => throw new ArgumentOutOfRangeException(nameof(realtimeEvent), realtimeEvent.GetType().Name, "No hub event for this realtime event."),
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The message in the shape POST /v1/conversations/{id}/messages answers with.</summary>
public sealed record MessageEventPayload(string ConversationId, MessageResponse Message);

public sealed record ReadEventPayload(string ConversationId, string UserId, long UpToSeq);

public sealed record PresenceEventPayload(string UserId, bool Online, DateTimeOffset? LastActiveAt);

public sealed record TypingEventPayload(string ConversationId, string UserId);

/// <summary>A message an admin removed: what a client showed for <c>seq</c> becomes the tombstone (<c>removed: true</c>).</summary>
public sealed record MessageRemovedEventPayload(string ConversationId, string Id, long Seq);
