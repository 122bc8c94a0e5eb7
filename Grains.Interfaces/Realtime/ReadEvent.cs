namespace Instagram.Grains.Realtime;

/// <summary>A participant has read a conversation up to a sequence number (hub event <c>read</c>).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Realtime.ReadEvent")]
public sealed record ReadEvent([property: Id(0)] long ConversationId, [property: Id(1)] long UserId, [property: Id(2)] long UpToSeq) : RealtimeEvent;
