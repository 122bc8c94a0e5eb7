namespace Instagram.Grains.Realtime;

/// <summary>
/// An admin removed a message of a conversation the recipient takes part in (hub event <c>messageRemoved</c>): the
/// client replaces what it shows for that seq with the tombstone.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Realtime.MessageRemovedEvent")]
public sealed record MessageRemovedEvent(
    [property: Id(0)] long ConversationId,
    [property: Id(1)] long MessageId,
    [property: Id(2)] long Seq) : RealtimeEvent;
