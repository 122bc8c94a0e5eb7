using Instagram.Grains.Feed;
using Orleans.Streams;

namespace Instagram.Grains.Graph;

[ImplicitStreamSubscription(StreamNamespaces.FanOut)]
internal sealed class FollowerPageGrain(
    [PersistentState("followerPage", ProviderNames.GrainStorage)] IPersistentState<FollowerPageState> page)
    : Grain, IFollowerPageGrain
{
    private IStreamProvider _streams = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _streams = this.GetStreamProvider(ProviderNames.Streams);
        await _streams.GetStream<FanOutCommand>(StreamId.Create(StreamNamespaces.FanOut, this.GetPrimaryKeyString()))
            .SubscribeAsync(OnFanOutAsync);
    }

    public async Task AddAsync(long followerId, long sequence)
    {
        if (page.State.Edges.Exists(e => e.FollowerId == followerId))
        {
            return;
        }

        var edge = new FollowerEdge(followerId, sequence);
        var index = page.State.Edges.FindLastIndex(e => e.Sequence < sequence) + 1;
        page.State.Edges.Insert(index, edge);
        await page.WriteStateAsync();
    }

    public async Task<bool> RemoveAsync(long followerId)
    {
        if (page.State.Edges.RemoveAll(e => e.FollowerId == followerId) == 0)
        {
            return false;
        }

        await page.WriteStateAsync();
        return true;
    }

    public Task<FollowerEdge[]> GetBeforeAsync(long beforeSequence, int limit) => Task.FromResult(page.State.Edges
        .Where(e => e.Sequence < beforeSequence)
        .OrderByDescending(e => e.Sequence)
        .Take(limit)
        .ToArray());

    // One publish per follower onto their own feed stream; the feed grains insert idempotently, so a redelivered
    // command (after a silo failure) only repeats harmless work.
    private Task OnFanOutAsync(FanOutCommand command, StreamSequenceToken? token) =>
        Task.WhenAll(page.State.Edges.Select(edge => _streams
            .GetStream<FeedItem>(StreamId.Create(StreamNamespaces.Feed, edge.FollowerId))
            .OnNextAsync(command.Item)));
}
