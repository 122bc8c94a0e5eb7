using Instagram.Grains.Lists.Paging;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Lists;

// Reentrant: a hot list (a viral post's likers) takes many adds at once; they interleave and are folded into
// one flush by the group commit. State changes happen only inside the flush loop, one flush at a time.
[Reentrant]
internal sealed class EdgeListGrain : Grain, IEdgeListGrain
{
    private readonly IPersistentState<EdgeListState> _list;
    private readonly EdgeHead<EdgeListState> _head;
    private readonly IGrainFactory _grains;
    private readonly GroupCommit<ListChange, long> _changes;

    public EdgeListGrain([PersistentState("list", ProviderNames.GrainStorage)] IPersistentState<EdgeListState> list, IGrainFactory grains)
    {
        _list = list;
        _head = new(list, EdgeLists.PageSize);
        _grains = grains;
        _changes = new GroupCommit<ListChange, long>(FlushAsync);
    }

    private string ListKey => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _head.LoadAsync(page => Page(page).GetSizeAsync());

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _head.SettleAsync();

    public Task<long> AddAsync(long itemId) => _changes.SubmitAsync(new ListChange(itemId, Sequence: null));

    public async Task<bool> RemoveAsync(long itemId, long sequence) => await _changes.SubmitAsync(new ListChange(itemId, sequence)) >= 0;

    public Task<long> GetCountAsync() => Task.FromResult(_head.Count);

    public async Task ClearAsync()
    {
        var pages = _head.PageOf(Math.Max(0, _list.State.NextSequence - 1)) + 1;
        await Task.WhenAll(Enumerable.Range(0, (int)pages).Select(p => Page(p).ClearAsync()));
        await _list.ClearStateAsync();
    }

    public Task<Page<long>> GetPageAsync(PageRequest page, bool newestFirst) =>
        _head.ReadAsync(page, newestFirst, _list.State.NextSequence, (pageNo, cursor, limit) => Page(pageNo).GetPastAsync(cursor, limit, newestFirst));

    // Every change goes through here, one flush at a time, so the head is written by one writer only; each page
    // touched gets one call and one write. Results: an add gets its sequence number; a remove gets 0 when it removed
    // something, -1 when nothing was there.
    private async Task<long[]> FlushAsync(IReadOnlyList<ListChange> changes)
    {
        var results = new long[changes.Count];
        var adds = 0;
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Sequence is null)
            {
                results[i] = _list.State.NextSequence + adds++;
            }
        }

        // Numbers are taken before the pages change: a failure after that leaves a gap, never a number used twice.
        _list.State.NextSequence += adds;
        var byPage = Enumerable.Range(0, changes.Count).GroupBy(i => _head.PageOf(changes[i].Sequence ?? results[i])).ToList();
        foreach (var page in byPage)
        {
            await _head.BeforeChangeAsync(page.Key);
        }

        var pageChanges = await Task.WhenAll(byPage.Select(async indexes =>
        {
            var added = indexes.Where(i => changes[i].Sequence is null).Select(i => new ListEntry(changes[i].ItemId, results[i])).ToArray();
            var removals = indexes.Where(i => changes[i].Sequence is not null).ToArray();
            var change = await Page(indexes.Key).ChangeAsync(added, [.. removals.Select(i => changes[i].ItemId)]);
            for (var r = 0; r < removals.Length; r++)
            {
                results[removals[r]] = change.Removed[r] ? 0 : -1;
            }

            return (Page: indexes.Key, change.Size);
        }));

        var countBefore = _head.Count;
        var headChanged = adds > 0;
        foreach (var (page, size) in pageChanges)
        {
            headChanged |= _head.RecordPageSize(page, size);
        }

        if (headChanged)
        {
            await _head.WriteAsync();
        }

        if (_head.Count != countBefore && EdgeLists.TryParsePostCounter(ListKey, out var list, out var postId))
        {
            // Inside the flush, so the post receives counts in the order they happened.
            await _grains.GetGrain<IPostGrain>(postId).SetEngagementCountAsync(list, _head.Count);
        }

        return results;
    }

    private IEdgeListPageGrain Page(long page) => _grains.GetGrain<IEdgeListPageGrain>(EdgeLists.PageKey(ListKey, page));

    /// <summary>An add (no sequence yet) or the removal of the entry at <see cref="Sequence"/>.</summary>
    private readonly record struct ListChange(long ItemId, long? Sequence);
}
