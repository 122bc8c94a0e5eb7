using Instagram.Grains.FanOut;
using Instagram.Grains.Feed;
using Orleans.Streams;

namespace Instagram.Grains.Graph;

[ImplicitStreamSubscription(StreamNamespaces.FanOut)]
internal sealed class FollowerPageGrain(
    [PersistentState("followerPage", ProviderNames.GrainStorage)] IPersistentState<FollowerPageState> page,
    FanOutDelivery delivery)
    : Grain, IFollowerPageGrain
{
    private List<FollowerEdge> Edges => page.State.Edges;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.GetStreamProvider(ProviderNames.Streams)
            .GetStream<FanOutCommand>(StreamId.Create(StreamNamespaces.FanOut, this.GetPrimaryKeyString()))
            .SubscribeAsync(OnFanOutAsync);

    public async Task<int> AddAsync(long followerId, long sequence)
    {
        if (Edges.Exists(e => e.FollowerId == followerId))
        {
            return Edges.Count;
        }

        // A new follower is active: they just did something.
        var edge = new FollowerEdge(followerId, sequence, delivery.Now);
        Edges.Insert(Edges.FindLastIndex(e => e.Sequence < sequence) + 1, edge);
        await page.WriteStateAsync();
        return Edges.Count;
    }

    public async Task<int> RemoveAsync(long followerId)
    {
        if (Edges.RemoveAll(e => e.FollowerId == followerId) > 0)
        {
            await page.WriteStateAsync();
        }

        return Edges.Count;
    }

    public async Task MarkActiveAsync(long followerId, DateTimeOffset at)
    {
        var index = Edges.FindIndex(e => e.FollowerId == followerId);
        if (index >= 0 && Edges[index].LastActiveAt < at)
        {
            Edges[index] = Edges[index] with { LastActiveAt = at };
            await page.WriteStateAsync();
        }
    }

    public Task<int> GetSizeAsync() => Task.FromResult(Edges.Count);

    public Task<FollowerEdge[]> GetBeforeAsync(long beforeSequence, int limit) => Task.FromResult(Edges
        .Where(e => e.Sequence < beforeSequence)
        .OrderByDescending(e => e.Sequence)
        .Take(limit)
        .ToArray());

    // The event counts as handled only once every active follower's feed has answered: if this silo dies first,
    // the stream redelivers it, and the feeds' idempotent inserts make the repeat harmless.
    private Task OnFanOutAsync(FanOutCommand command, StreamSequenceToken? token) =>
        delivery.DeliverAsync(command.Item, Edges);
}
