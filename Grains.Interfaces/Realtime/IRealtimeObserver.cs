namespace Instagram.Grains.Realtime;

/// <summary>
/// One Api instance, as the registries see it: each instance creates one of these (a grain observer) and hands it over
/// with every connection it registers. A registry calls it once per event with every connection of the user that the
/// instance holds, and the instance pushes the event to those SignalR connections.
/// </summary>
[Alias("Instagram.Grains.Realtime.IRealtimeObserver")]
public interface IRealtimeObserver : IGrainObserver
{
    [Alias("PushAsync")] Task PushAsync(string[] connectionIds, RealtimeEvent realtimeEvent);
}
