namespace Instagram.Grains.Lists.Paging;

/// <summary>
/// The page half of a paged list, shared by the follower, following and edge-list pages: a bounded slice of one list,
/// edges in ascending sequence order, at most one per item. Every change is idempotent by item id (a retried add keeps
/// the edge already there, a retried remove finds nothing) and a batch costs one write of this page only. The owning
/// grain keeps its own state type and storage name; <paramref name="edgesOf"/> says where in it the edges are.
/// </summary>
internal sealed class EdgePage<TState, TEdge>(IPersistentState<TState> page, Func<TState, List<TEdge>> edgesOf)
    where TEdge : IListEdge
{
    private HashSet<long>? _items;

    /// <summary>Read afresh each time: clearing the state replaces the list.</summary>
    public List<TEdge> Edges => edgesOf(page.State);

    public int Count => Edges.Count;

    private HashSet<long> Items => _items ??= [.. Edges.Select(e => e.ItemId)];

    /// <summary>Removes the items in <paramref name="removals"/>, then adds the edges of items not here yet; one write if anything changed.</summary>
    /// <returns>For each removal, whether its item was here.</returns>
    public async Task<bool[]> ChangeAsync(IReadOnlyCollection<TEdge> adds, IReadOnlyList<long> removals)
    {
        var removed = removals.Select(Items.Remove).ToArray();
        var changed = removed.Contains(true);
        if (changed)
        {
            Edges.RemoveAll(e => !Items.Contains(e.ItemId));
        }

        foreach (var edge in adds.Where(e => Items.Add(e.ItemId)))
        {
            Edges.Insert(Edges.FindLastIndex(e => e.Sequence < edge.Sequence) + 1, edge);
            changed = true;
        }

        if (changed)
        {
            await page.WriteStateAsync();
        }

        return removed;
    }

    /// <summary>Adds the edges whose items are not here yet; returns the page's size.</summary>
    public async Task<int> AddAsync(params TEdge[] edges)
    {
        await ChangeAsync(edges, []);
        return Count;
    }

    /// <summary>Removes the item's edge if it is here; returns the page's size.</summary>
    public async Task<int> RemoveAsync(long itemId)
    {
        await ChangeAsync([], [itemId]);
        return Count;
    }

    /// <summary>Replaces the item's edge with <paramref name="change"/> of it, writing only if that differs.</summary>
    public async Task ReplaceAsync(long itemId, Func<TEdge, TEdge> change)
    {
        var index = Items.Contains(itemId) ? Edges.FindIndex(e => e.ItemId == itemId) : -1;
        if (index < 0)
        {
            return;
        }

        var changed = change(Edges[index]);
        if (!EqualityComparer<TEdge>.Default.Equals(changed, Edges[index]))
        {
            Edges[index] = changed;
            await page.WriteStateAsync();
        }
    }

    /// <summary>Up to <paramref name="limit"/> edges past <paramref name="cursor"/>: below it newest first, or above it oldest first.</summary>
    public TEdge[] Past(long cursor, int limit, bool newestFirst) => newestFirst
        ? [.. Edges.Where(e => e.Sequence < cursor).Reverse().Take(limit)]
        : [.. Edges.Where(e => e.Sequence > cursor).Take(limit)];

    public async Task ClearAsync()
    {
        _items = null;
        await page.ClearStateAsync();
    }
}
