namespace Instagram.Grains.Realtime;

/// <summary>A hub connection an Api instance holds, and when its client last heartbeated (connecting counts as one).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Realtime.LiveConnection")]
public sealed record LiveConnection([property: Id(0)] string ConnectionId, [property: Id(1)] DateTimeOffset LastHeartbeatAt);
