using Instagram.Grains.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Instagram.Api.Realtime;

/// <summary>
/// This instance's end of the registries' calls: pushes an event to the named local connections. The runtime hands
/// it one call at a time, so it only starts the sends (SignalR keeps each connection's writes in order) and returns,
/// and one slow client cannot hold up every other user's events.
/// </summary>
public sealed partial class RealtimeObserver(IHubContext<RealtimeHub> hub, ILogger<RealtimeObserver> logger) : IRealtimeObserver
{
    public Task PushAsync(string[] connectionIds, RealtimeEvent realtimeEvent)
    {
        var (name, payload) = RealtimeEventPayloads.From(realtimeEvent);
        _ = SendAsync(connectionIds, name, payload);
        return Task.CompletedTask;
    }

    private async Task SendAsync(string[] connectionIds, string name, object payload)
    {
        try
        {
            await hub.Clients.Clients(connectionIds).SendAsync(name, payload);
            RealtimeMetrics.EventsDelivered.Add(connectionIds.Length);
        }
        catch (Exception exception)
        {
            LogSendFailed(exception, name, connectionIds.Length);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Realtime: a {Event} event did not reach {Count} connections")]
    private partial void LogSendFailed(Exception exception, string @event, int count);
}
