using Instagram.Grains.Lists.Paging;

namespace Instagram.Grains.Graph;

internal sealed class FollowingPageGrain : Grain, IFollowingPageGrain
{
    private readonly EdgePage<FollowingPageState, FollowingEntry> _page;

    public FollowingPageGrain([PersistentState("followingPage", ProviderNames.GrainStorage)] IPersistentState<FollowingPageState> page) =>
        _page = new(page, state => state.Entries);

    public Task<int> AddAsync(FollowingEntry[] entries) => _page.AddAsync(entries);

    public Task<int> RemoveAsync(long targetId) => _page.RemoveAsync(targetId);

    public Task<FollowingEntry[]> GetAllAsync() => Task.FromResult(_page.Edges.ToArray());
}
