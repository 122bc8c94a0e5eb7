namespace Instagram.Grains.Lists;

internal sealed class EdgeListPageGrain(
    [PersistentState("listPage", ProviderNames.GrainStorage)] IPersistentState<EdgeListPageState> page) : Grain, IEdgeListPageGrain
{
    private readonly HashSet<long> _items = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _items.UnionWith(page.State.Entries.Select(e => e.ItemId));
        return Task.CompletedTask;
    }

    public async Task AddManyAsync(ListEntry[] entries)
    {
        var fresh = entries.Where(e => _items.Add(e.ItemId)).ToArray();
        if (fresh.Length == 0)
        {
            return;
        }

        page.State.Entries.AddRange(fresh);
        page.State.Entries.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        await page.WriteStateAsync();
    }

    public async Task<bool> RemoveAsync(long itemId)
    {
        if (!_items.Remove(itemId))
        {
            return false;
        }

        page.State.Entries.RemoveAll(e => e.ItemId == itemId);
        await page.WriteStateAsync();
        return true;
    }

    public async Task ClearAsync()
    {
        _items.Clear();
        await page.ClearStateAsync();
    }

    public Task<ListEntry[]> GetPastAsync(long cursor, int limit, bool newestFirst) => Task.FromResult(newestFirst
        ? page.State.Entries.Where(e => e.Sequence < cursor).Reverse().Take(limit).ToArray()
        : page.State.Entries.Where(e => e.Sequence > cursor).Take(limit).ToArray());
}
