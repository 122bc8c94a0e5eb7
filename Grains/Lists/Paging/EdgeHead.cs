namespace Instagram.Grains.Lists.Paging;

/// <summary>
/// The head half of a paged list, shared by the follower, following and edge-list heads: which page an edge lives on,
/// the count, and reading across pages. The count is the sum of the sizes the pages last reported, set from their
/// answers rather than moved up and down, so a retried add or remove can never count twice.
/// <para>
/// The sizes need not be written with every change, which would double the writes of a follow. Before the first page
/// change of an activation, and before a page the record does not cover yet, the record is written unsettled
/// (<see cref="BeforeChangeAsync"/>); the sizes then live in memory (and in any write the owner makes for its own
/// reasons), and deactivation writes them settled (<see cref="SettleAsync"/>). An activation that finds the record
/// unsettled (its silo died holding changes) asks the pages their sizes again, so no timer is needed to keep the
/// record fresh. Each grain keeps its own state type and storage name.
/// </para>
/// </summary>
internal sealed class EdgeHead<TState>(IPersistentState<TState> head, int pageSize)
    where TState : IEdgeHeadState
{
    // The last page the stored record's NextSequence reaches; pages past it would be unknown after a crash.
    private long _storedLastPage = -1;

    private IEdgeHeadState State => head.State;

    public long Count => State.Count;

    /// <summary>True when the stored sizes cannot be trusted: the owner must ask the pages (or read them) on activation.</summary>
    public bool NeedsRefresh => !State.Settled || (State.PageSizes.Count == 0 && State.NextSequence > 0);

    public long PageOf(long sequence) => sequence / pageSize;

    /// <summary>The pages that hold edges, lowest first.</summary>
    public long[] PagesInUse() => [.. State.PageSizes.Where(p => p.Value > 0).Select(p => p.Key).Order()];

    /// <summary>Every page an edge may be on: what an unsettled record has to read.</summary>
    public long[] AllPages() => State.NextSequence == 0 ? [] : [.. Enumerable.Range(0, (int)PageOf(State.NextSequence - 1) + 1).Select(p => (long)p)];

    /// <summary>Records the size a page reported; true when the head changed.</summary>
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
    /// On activation: remembers what the stored record covers, and when it is unsettled asks each page its size. The
    /// head is written with the next change.
    /// </summary>
    public async Task LoadAsync(Func<long, Task<int>> sizeOf)
    {
        if (NeedsRefresh)
        {
            var pages = AllPages();
            var sizes = await Task.WhenAll(pages.Select(sizeOf));
            for (var i = 0; i < pages.Length; i++)
            {
                RecordPageSize(pages[i], sizes[i]);
            }
        }

        MarkStored();
    }

    /// <summary>For owners that read every page themselves on activation (and recorded their sizes).</summary>
    public void MarkStored() => _storedLastPage = State.NextSequence == 0 ? -1 : PageOf(State.NextSequence - 1);

    /// <summary>
    /// Call before changing <paramref name="page"/> (with <see cref="IEdgeHeadState.NextSequence"/> already past any new
    /// edge): writes the record unsettled if it claims to be settled or does not reach that page yet, so a crash after
    /// the page's write cannot leave a record that is trusted but wrong, or a page nobody knows about.
    /// </summary>
    public async Task BeforeChangeAsync(long page)
    {
        if (State.Settled || page > _storedLastPage)
        {
            State.Settled = false;
            await WriteAsync();
        }
    }

    /// <summary>Writes the record as it is now; for changes of the owner's own that must be stored before it answers.</summary>
    public async Task WriteAsync()
    {
        await head.WriteStateAsync();
        MarkStored();
    }

    /// <summary>On deactivation: writes the record settled, unless it already is.</summary>
    public async Task SettleAsync()
    {
        if (!State.Settled)
        {
            State.Settled = true;
            await WriteAsync();
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
