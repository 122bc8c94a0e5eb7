using Instagram.Grains.Lists.Paging;

namespace Instagram.Grains.Graph;

internal sealed class FollowingPageGrain : Grain, IFollowingPageGrain
{
    /// <summary>The page's storage name: <see cref="StoredFollowingPages"/> reads the same records.</summary>
    public const string StateName = "followingPage";

    private readonly EdgePage<FollowingPageState, FollowingEntry> _page;

    public FollowingPageGrain([PersistentState(StateName, ProviderNames.GrainStorage)] IPersistentState<FollowingPageState> page) =>
        _page = new(page, state => state.Entries);

    public Task<int> AddAsync(FollowingEntry[] entries) => _page.AddAsync(entries);

    public Task<int> RemoveAsync(long targetId) => _page.RemoveAsync(targetId);
}
