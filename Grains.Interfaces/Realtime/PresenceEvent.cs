namespace Instagram.Grains.Realtime;

/// <summary>A contact went online or offline (hub event <c>presence</c>).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Realtime.PresenceEvent")]
public sealed record PresenceEvent(
    [property: Id(0)] long UserId,
    [property: Id(1)] bool Online,
    [property: Id(2)] DateTimeOffset? LastActiveAt) : RealtimeEvent;
