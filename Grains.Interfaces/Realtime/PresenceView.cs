namespace Instagram.Grains.Realtime;

/// <summary>Whether a user is online (a device heartbeats) and when they were last active (null: never seen).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Realtime.PresenceView")]
public sealed record PresenceView([property: Id(0)] bool Online, [property: Id(1)] DateTimeOffset? LastActiveAt);
