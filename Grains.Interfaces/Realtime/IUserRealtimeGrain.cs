namespace Instagram.Grains.Realtime;

/// <summary>
/// One user's live connections, whichever Api instance holds each (key = user id). Grains that have news for a user
/// hand it here; the grain forwards it to every connected device and, when none is connected, to the push seam.
/// </summary>
[Alias("Instagram.Grains.Realtime.IUserRealtimeGrain")]
public interface IUserRealtimeGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Forwards <paramref name="realtimeEvent"/> to the user's connected devices. Delivery is best effort: a device that
    /// misses it catches up through the HTTP API (messages by <c>afterSeq</c>), so callers need not retry.
    /// </summary>
    [Alias("DeliverAsync")] Task DeliverAsync(RealtimeEvent realtimeEvent);

    /// <summary>
    /// Records that this user now has a conversation with each of <paramref name="userIds"/>: they may see this user's
    /// presence and are told when it changes. Idempotent; called by a conversation when it is created.
    /// </summary>
    [Alias("AddContactsAsync")] Task AddContactsAsync(long[] userIds);

    /// <summary>
    /// A hub connection of this user opened, or its client heartbeated, on the Api instance behind
    /// <paramref name="instance"/>: the connection is (re)registered and the user is active now. Registering again is
    /// harmless, which is how a registry that lost its memory (a silo restart) learns the connection back.
    /// </summary>
    [Alias("HeartbeatAsync")] Task HeartbeatAsync(IRealtimeObserver instance, string connectionId);

    /// <summary>The connection closed; the last one to close takes the user offline at once.</summary>
    [Alias("DisconnectAsync")] Task DisconnectAsync(string connectionId);

    /// <summary>
    /// The Api instance behind <paramref name="instance"/> restates which of this user's connections it holds (and when
    /// each last heartbeated): called every heartbeat interval, it keeps them from expiring, adds what a reactivated
    /// registry forgot, and drops what the instance no longer holds.
    /// </summary>
    [Alias("RefreshAsync")] Task RefreshAsync(IRealtimeObserver instance, LiveConnection[] connections);

    /// <summary>This user's presence as <paramref name="viewerId"/> may see it: null unless the viewer is a contact and neither blocks the other.</summary>
    [Alias("GetPresenceAsync")] Task<PresenceView?> GetPresenceAsync(long viewerId);

    /// <summary>Whether any device is connected now (so a caller can skip building an event nobody would receive).</summary>
    [Alias("IsConnectedAsync")] Task<bool> IsConnectedAsync();
}
