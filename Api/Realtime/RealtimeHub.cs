using Instagram.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Instagram.Api.Realtime;

/// <summary>
/// The real-time hub (API.md, "Direct messages and presence"). It only tells the user's registry grain which
/// connections this instance holds and when the client is active; events reach clients through <see cref="RealtimeObserver"/>.
/// </summary>
[Authorize]
public sealed class RealtimeHub(RealtimeConnections connections, ITokenRevocationList revocations) : Hub
{
    public const string Path = "/hubs/realtime";

    public override Task OnConnectedAsync() => connections.OpenAsync(Context.User!.UserId(), Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => connections.CloseAsync(Context.ConnectionId);

    /// <summary>The client is here: keeps the user online (call it every <c>Realtime:HeartbeatInterval</c>).</summary>
    public async Task Heartbeat()
    {
        // A logout ends the session for open connections too, at their next heartbeat.
        if (Context.User!.SessionId() is not { } session || await revocations.IsRevokedAsync(session))
        {
            Context.Abort();
            return;
        }

        await connections.HeartbeatAsync(Context.ConnectionId);
    }

    /// <summary>
    /// Accepted and ignored for now: telling the other participants needs a cheap participation check from the
    /// conversations, which they do not offer yet. It counts as activity.
    /// </summary>
    public Task Typing(string conversationId) => connections.HeartbeatAsync(Context.ConnectionId);
}
