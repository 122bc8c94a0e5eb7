namespace Instagram.Grains.Realtime;

// Placeholder so the conversations can be built against the contract; the connection registry replaces it.
internal sealed class UserRealtimeGrain : Grain, IUserRealtimeGrain
{
    public Task DeliverAsync(RealtimeEvent realtimeEvent) => Task.CompletedTask;

    public Task AddContactsAsync(long[] userIds) => Task.CompletedTask;
}
