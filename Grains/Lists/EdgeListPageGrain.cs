using Instagram.Grains.Lists.Paging;

namespace Instagram.Grains.Lists;

internal sealed class EdgeListPageGrain : Grain, IEdgeListPageGrain
{
    private readonly EdgePage<EdgeListPageState, ListEntry> _page;

    public EdgeListPageGrain([PersistentState("listPage", ProviderNames.GrainStorage)] IPersistentState<EdgeListPageState> page) =>
        _page = new(page, state => state.Entries);

    public async Task<EdgeListPageChange> ChangeAsync(ListEntry[] adds, long[] removals)
    {
        var removed = await _page.ChangeAsync(adds, removals);
        return new EdgeListPageChange(_page.Count, removed);
    }

    public Task ClearAsync() => _page.ClearAsync();

    public Task<int> GetSizeAsync() => Task.FromResult(_page.Count);

    public Task<ListEntry[]> GetPastAsync(long cursor, int limit, bool newestFirst) => Task.FromResult(_page.Past(cursor, limit, newestFirst));
}
