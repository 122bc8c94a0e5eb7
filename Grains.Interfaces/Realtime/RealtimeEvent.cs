namespace Instagram.Grains.Realtime;

/// <summary>
/// Something a user's connected devices are told at once (a SignalR event on <c>/hubs/realtime</c>). The subtypes are
/// the hub's server events; the Api maps each to the JSON the contract names.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Realtime.RealtimeEvent")]
public abstract record RealtimeEvent;
