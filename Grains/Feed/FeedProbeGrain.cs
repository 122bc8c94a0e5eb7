namespace Instagram.Grains.Feed;

// Reentrant: it keeps no state, and a probe waiting on a busy feed must not hold up the others.
[StatelessWorker, Reentrant]
internal sealed class FeedProbeGrain(IGrainFactory grains) : Grain, IFeedProbeGrain
{
    public Task<bool[]> HoldAsync(long postId, long[] ownerIds) =>
        Task.WhenAll(ownerIds.Select(owner => grains.GetGrain<IFeedGrain>(owner).HoldsAsync(postId)));

    public async Task<long[]> PushedItemsAsync(long[] ownerIds) =>
        [.. (await Task.WhenAll(ownerIds.Select(owner => grains.GetGrain<IFeedGrain>(owner).GetDiagnosticsAsync()))).Select(d => d.PushedItemsReceived)];
}
