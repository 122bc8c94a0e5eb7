namespace Instagram.Grains.Lists.Paging;

/// <summary>
/// The head half of a paged list, shared by the follower, following and edge-list heads: which page an edge lives on,
/// the count, and reading across pages. The count is the sum of the sizes the pages last reported, set from their
/// answers rather than moved up and down, so a retried add or remove can never count twice. The owning grain decides
/// when to write its head record; each grain keeps its own state type and storage name.
/// </summary>
internal sealed class EdgeHead<TState>(IPersistentState<TState> head, int pageSize)
    where TState : IEdgeHeadState
{
    private IEdgeHeadState State => head.State;

    public long Count => State.Count;

    public long PageOf(long sequence) => sequence / pageSize;

    /// <summary>The pages that hold edges, lowest first.</summary>
    public long[] PagesInUse() => [.. State.PageSizes.Where(p => p.Value > 0).Select(p => p.Key).Order()];

    /// <summary>Records the size a page reported; true when the head changed and needs writing.</summary>
    public bool RecordPageSize(long page, int size)
    {
        if (State.PageSizes.TryGetValue(page, out var known) && known == size)
        {
            return false;
        }

        State.PageSizes[page] = size;
        State.Count = State.PageSizes.Values.Sum(s => (long)s);
        return true;
    }

    /// <summary>
    /// Heads written before pages reported their sizes have numbered edges but no sizes: ask each page once. The head
    /// is written with the next change.
    /// </summary>
    public async Task BackfillPageSizesAsync(Func<long, Task<int>> sizeOf)
    {
        if (State.PageSizes.Count > 0 || State.NextSequence == 0)
        {
            return;
        }

        var sizes = await Task.WhenAll(Enumerable.Range(0, (int)PageOf(State.NextSequence - 1) + 1).Select(p => sizeOf(p)));
        for (var page = 0; page < sizes.Length; page++)
        {
            RecordPageSize(page, sizes[page]);
        }
    }

    /// <summary>
    /// Item ids past the request's cursor in the given direction, below <paramref name="end"/>, walking page by page
    /// from the cursor's; the next cursor is the last edge's sequence.
    /// </summary>
    public async Task<Page<long>> ReadAsync<TEdge>(PageRequest request, bool newestFirst, long end, Func<long, long, int, Task<TEdge[]>> readPage)
        where TEdge : IListEdge
    {
        var cursor = request.Cursor ?? (newestFirst ? end : -1);
        var collected = new List<TEdge>(request.Limit + 1);
        var lastPage = PageOf(Math.Max(0, end - 1));
        var step = newestFirst ? -1 : 1;
        for (var page = PageOf(cursor + step); collected.Count <= request.Limit && page >= 0 && page <= lastPage && end > 0; page += step)
        {
            collected.AddRange(await readPage(page, cursor, request.Limit + 1 - collected.Count));
        }

        var items = collected.Take(request.Limit).ToList();
        long? next = collected.Count > request.Limit ? items[^1].Sequence : null;
        return new Page<long>([.. items.Select(e => e.ItemId)], next);
    }
}
