using Instagram.Grains.Posts;

namespace Instagram.Grains.Lists;

// Reentrant: a hot list (a viral post's likers) takes many adds at once; they interleave and are folded into
// one flush by the group commit. State changes happen only inside the flush loop, one flush at a time.
[Reentrant]
internal sealed class EdgeListGrain : Grain, IEdgeListGrain
{
    private readonly IPersistentState<EdgeListState> _list;
    private readonly IGrainFactory _grains;
    private readonly GroupCommit<ListChange, long> _changes;

    public EdgeListGrain([PersistentState("list", ProviderNames.GrainStorage)] IPersistentState<EdgeListState> list, IGrainFactory grains)
    {
        _list = list;
        _grains = grains;
        _changes = new GroupCommit<ListChange, long>(FlushAsync);
    }

    private string ListKey => this.GetPrimaryKeyString();

    public Task<long> AddAsync(long itemId) => _changes.SubmitAsync(new ListChange(itemId, Sequence: null));

    public async Task<bool> RemoveAsync(long itemId, long sequence) => await _changes.SubmitAsync(new ListChange(itemId, sequence)) >= 0;

    public Task<long> GetCountAsync() => Task.FromResult(_list.State.Count);

    public async Task ClearAsync()
    {
        var pages = EdgeLists.PageOf(Math.Max(0, _list.State.NextSequence - 1)) + 1;
        await Task.WhenAll(Enumerable.Range(0, (int)pages).Select(p => _grains.GetGrain<IEdgeListPageGrain>(EdgeLists.PageKey(ListKey, p)).ClearAsync()));
        await _list.ClearStateAsync();
    }

    public async Task<Page<long>> GetPageAsync(PageRequest page, bool newestFirst)
    {
        var end = _list.State.NextSequence;
        var cursor = page.Cursor ?? (newestFirst ? end : -1);
        var collected = new List<ListEntry>(page.Limit + 1);
        var pageNo = newestFirst ? EdgeLists.PageOf(cursor - 1) : EdgeLists.PageOf(cursor + 1);
        var lastPage = EdgeLists.PageOf(Math.Max(0, end - 1));
        while (collected.Count <= page.Limit && pageNo >= 0 && pageNo <= lastPage && end > 0)
        {
            var entries = await _grains.GetGrain<IEdgeListPageGrain>(EdgeLists.PageKey(ListKey, pageNo))
                .GetPastAsync(cursor, page.Limit + 1 - collected.Count, newestFirst);
            collected.AddRange(entries);
            pageNo += newestFirst ? -1 : 1;
        }

        var items = collected.Take(page.Limit).ToList();
        long? next = collected.Count > page.Limit ? items[^1].Sequence : null;
        return new Page<long>([.. items.Select(e => e.ItemId)], next);
    }

    // Every change goes through here, one flush at a time, so the head is written by one writer only. Results:
    // an add gets its sequence number; a remove gets 0 when it removed something, -1 when nothing was there.
    private async Task<long[]> FlushAsync(IReadOnlyList<ListChange> changes)
    {
        var results = new long[changes.Count];
        var adds = new List<ListEntry>();
        var removals = new List<Task<bool>>();
        var removalIndexes = new List<int>();
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Sequence is { } sequence)
            {
                removals.Add(PageOf(sequence).RemoveAsync(changes[i].ItemId));
                removalIndexes.Add(i);
            }
            else
            {
                results[i] = _list.State.NextSequence + adds.Count;
                adds.Add(new ListEntry(changes[i].ItemId, results[i]));
            }
        }

        var addsStored = Task.WhenAll(adds.GroupBy(e => EdgeLists.PageOf(e.Sequence)).Select(group => PageOf(group.First().Sequence).AddManyAsync([.. group])));
        var removed = await Task.WhenAll(removals);
        await addsStored;
        for (var r = 0; r < removed.Length; r++)
        {
            results[removalIndexes[r]] = removed[r] ? 0 : -1;
        }

        var countBefore = _list.State.Count;
        _list.State.NextSequence += adds.Count;
        _list.State.Count = Math.Max(0, _list.State.Count + adds.Count - removed.Count(ok => ok));
        await _list.WriteStateAsync();
        if (_list.State.Count != countBefore && EdgeLists.TryParsePostCounter(ListKey, out var list, out var postId))
        {
            // Inside the flush, so the post receives counts in the order they happened.
            await _grains.GetGrain<IPostGrain>(postId).SetEngagementCountAsync(list, _list.State.Count);
        }

        return results;
    }

    private IEdgeListPageGrain PageOf(long sequence) =>
        _grains.GetGrain<IEdgeListPageGrain>(EdgeLists.PageKey(ListKey, EdgeLists.PageOf(sequence)));

    /// <summary>An add (no sequence yet) or the removal of the entry at <see cref="Sequence"/>.</summary>
    private readonly record struct ListChange(long ItemId, long? Sequence);
}
