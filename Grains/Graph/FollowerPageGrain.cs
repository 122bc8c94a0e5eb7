using Instagram.Grains.FanOut;
using Instagram.Grains.Feed;
using Instagram.Grains.Lists.Paging;
using Orleans.Streams;

namespace Instagram.Grains.Graph;

// The edges are kept by the shared page core; what is particular to follower pages is here: each edge's
// LastActiveAt, and delivering the page's share of the fanout stream.
[ImplicitStreamSubscription(StreamNamespaces.FanOut)]
internal sealed class FollowerPageGrain : Grain, IFollowerPageGrain
{
    private readonly EdgePage<FollowerPageState, FollowerEdge> _page;
    private readonly FanOutDelivery _delivery;

    public FollowerPageGrain([PersistentState("followerPage", ProviderNames.GrainStorage)] IPersistentState<FollowerPageState> page, FanOutDelivery delivery)
    {
        _page = new(page, state => state.Edges);
        _delivery = delivery;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.GetStreamProvider(ProviderNames.Streams)
            .GetStream<FanOutCommand>(StreamId.Create(StreamNamespaces.FanOut, this.GetPrimaryKeyString()))
            .SubscribeAsync(OnFanOutAsync);

    // A new follower is active: they just did something.
    public async Task<int> ChangeAsync(FollowerAdd[] adds, long[] removals)
    {
        var now = _delivery.Now;
        await _page.ChangeAsync([.. adds.Select(add => new FollowerEdge(add.FollowerId, add.Sequence, now))], removals);
        return _page.Count;
    }

    public Task MarkActiveAsync(long[] followerIds, DateTimeOffset at) =>
        _page.ReplaceAsync(followerIds, edge => edge.LastActiveAt < at ? edge with { LastActiveAt = at } : edge);

    public Task<int> GetSizeAsync() => Task.FromResult(_page.Count);

    public Task<FollowerEdge[]> GetBeforeAsync(long beforeSequence, int limit) => Task.FromResult(_page.Past(beforeSequence, limit, newestFirst: true));

    // The event counts as handled only once every active follower's feed has answered: if this silo dies first,
    // the stream redelivers it, and the feeds' idempotent inserts make the repeat harmless.
    private Task OnFanOutAsync(FanOutCommand command, StreamSequenceToken? token) =>
        _delivery.DeliverAsync(command.Item, _page.Edges);
}
