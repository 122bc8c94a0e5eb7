using Instagram.Api.Auth;
using Instagram.Grains.Messages;
using Instagram.Grains.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Instagram.Api.Realtime;

/// <summary>
/// The real-time hub (API.md, "Direct messages and presence"). It only tells the user's registry grain which
/// connections this instance holds and when the client is active; events reach clients through <see cref="RealtimeObserver"/>.
/// </summary>
[Authorize]
public sealed class RealtimeHub(RealtimeConnections connections, ITokenRevocationList revocations, IGrainFactory grains) : Hub
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
    /// The caller is typing in a conversation: the other participants' devices get a <c>typing</c> event (nobody is
    /// pushed). Someone who does not take part gets a hub error that does not say whether the conversation exists.
    /// </summary>
    public async Task Typing(string conversationId)
    {
        var userId = Context.User!.UserId();
        if (!long.TryParse(conversationId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0
            || await grains.GetGrain<IConversationGrain>(id).GetSummaryAsync(userId) is not { } conversation)
        {
            throw new HubException("Unknown conversation.");
        }

        var typing = new TypingEvent(id, userId);
        await Task.WhenAll(conversation.ParticipantIds.Where(p => p != userId)
            .Select(p => grains.GetGrain<IUserRealtimeGrain>(p).DeliverAsync(typing)));
        await connections.HeartbeatAsync(Context.ConnectionId);
    }
}
