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
}
