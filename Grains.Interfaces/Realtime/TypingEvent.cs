namespace Instagram.Grains.Realtime;

/// <summary>A participant is typing in a conversation (hub event <c>typing</c>); never pushed to an offline user.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Realtime.TypingEvent")]
public sealed record TypingEvent([property: Id(0)] long ConversationId, [property: Id(1)] long UserId) : RealtimeEvent;
