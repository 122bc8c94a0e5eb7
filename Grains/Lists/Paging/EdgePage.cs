namespace Instagram.Grains.Lists.Paging;

/// <summary>
/// The page half of a paged list, shared by the follower, following and edge-list pages: a bounded slice of one list,
/// edges in ascending sequence order, at most one per item. Every change is idempotent by item id (a retried add keeps
/// the edge already there, a retried remove finds nothing) and a batch costs one write of this page only. The owning
/// grain keeps its own state type and storage name; <paramref name="edgesOf"/> says where in it the edges are.
/// Writes go through one group commit, so a grain may let some changes interleave (a follower page's activity marks):
/// the page keeps a single writer, and changes made while a write is in flight share the next one.
/// </summary>
internal sealed class EdgePage<TState, TEdge>
    where TEdge : IListEdge
{
    private readonly IPersistentState<TState> _page;
    private readonly Func<TState, List<TEdge>> _edgesOf;
    private readonly GroupCommit<bool, bool> _writes;
    private HashSet<long>? _items;
    private bool _unwritten;

    public EdgePage(IPersistentState<TState> page, Func<TState, List<TEdge>> edgesOf)
    {
        _page = page;
        _edgesOf = edgesOf;
        _writes = new(async changes =>
        {
            // A failed write leaves its changes in memory: the next write stores them, even one a retry asks for that
            // finds nothing to change. Going back to the stored record instead would drop changes that interleaved
            // while the write was in flight and are waiting for the next one.
            try
            {
                await page.WriteStateAsync();
            }
            catch
            {
                _unwritten = true;
                throw;
            }

            _unwritten = false;
            return new bool[changes.Count];
        });
    }

    /// <summary>Read afresh each time: clearing the state replaces the list.</summary>
    public List<TEdge> Edges => _edgesOf(_page.State);

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

        if (changed || _unwritten)
        {
            await WriteAsync();
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

    /// <summary>Replaces the edges of these items with <paramref name="change"/> of them, writing once if any differs.</summary>
    public async Task ReplaceAsync(IEnumerable<long> itemIds, Func<TEdge, TEdge> change)
    {
        var wanted = itemIds.Where(Items.Contains).ToHashSet();
        var changed = false;
        for (var i = 0; i < Edges.Count && wanted.Count > 0; i++)
        {
            if (wanted.Remove(Edges[i].ItemId))
            {
                var replacement = change(Edges[i]);
                if (!EqualityComparer<TEdge>.Default.Equals(replacement, Edges[i]))
                {
                    Edges[i] = replacement;
                    changed = true;
                }
            }
        }

        if (changed || _unwritten)
        {
            await WriteAsync();
        }
    }

    /// <summary>Up to <paramref name="limit"/> edges past <paramref name="cursor"/>: below it newest first, or above it oldest first.</summary>
    public TEdge[] Past(long cursor, int limit, bool newestFirst) => newestFirst
        ? [.. Edges.Where(e => e.Sequence < cursor).Reverse().Take(limit)]
        : [.. Edges.Where(e => e.Sequence > cursor).Take(limit)];

    /// <summary>Not coalesced: only for pages whose grain lets no write interleave with it.</summary>
    public async Task ClearAsync()
    {
        _items = null;
        await _page.ClearStateAsync();
    }

    // The change is already in memory: it waits for a write that starts after it.
    private Task WriteAsync() => _writes.SubmitAsync(true);
}
