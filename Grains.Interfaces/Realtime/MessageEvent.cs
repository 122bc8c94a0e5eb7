using Instagram.Grains.Messages;

namespace Instagram.Grains.Realtime;

/// <summary>A new message in a conversation the recipient takes part in (hub event <c>message</c>).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Realtime.MessageEvent")]
public sealed record MessageEvent([property: Id(0)] long ConversationId, [property: Id(1)] MessageView Message) : RealtimeEvent;
