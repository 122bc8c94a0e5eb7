using Instagram.Grains.Lists.Paging;

namespace Instagram.Grains.Graph;

/// <summary>
/// The follows of one user as its <see cref="FollowingGrain"/> keeps them: all in memory for the reads (at most
/// <see cref="IFollowingGrain.MaxFollowing"/>, loaded from the pages on activation), and in storage as the head record
/// plus <see cref="IFollowingPageGrain"/>s of <see cref="FollowingPages.PageSize"/>, so a follow or unfollow writes one
/// page and the head, never the whole list.
/// </summary>
internal sealed class FollowingList(IPersistentState<FollowingState> following, IGrainFactory grains, long userId, Action onHeadWriteFailed)
{
    private readonly EdgeHead<FollowingState> _head = new(following, FollowingPages.PageSize);
    private readonly Dictionary<long, FollowingEntry> _entries = [];

    public int Count => _entries.Count;

    public IEnumerable<FollowingEntry> Entries => _entries.Values;

    public bool Contains(long targetId) => _entries.ContainsKey(targetId);

    public async Task LoadAsync()
    {
        await MoveUnpagedEdgesAsync();
        var pages = await Task.WhenAll(_head.PagesInUse().Select(page => Page(page).GetAllAsync()));
        foreach (var entry in pages.SelectMany(entries => entries))
        {
            _entries[entry.TargetId] = entry;
        }
    }

    /// <summary>
    /// Records the follow: on its page first, then in the head, whose write also drops the follow's reservation (the
    /// edge exists now). A retry after the page write but before the head's finds the reservation still stored and the
    /// page keeping the entry it has.
    /// </summary>
    public async Task AddAsync(long targetId, long followerSequence)
    {
        var entry = new FollowingEntry(targetId, following.State.NextLocalSequence, followerSequence);
        var size = await PageOf(entry).AddAsync([entry]);
        following.State.NextLocalSequence++;
        following.State.ReservedSequences.Remove(targetId);
        _head.RecordPageSize(_head.PageOf(entry.LocalSequence), size);
        await WriteHeadAsync();
        _entries[targetId] = entry;
    }

    /// <summary>Removes the follow from its page and the head; null when <paramref name="targetId"/> was not followed.</summary>
    public async Task<FollowingEntry?> RemoveAsync(long targetId)
    {
        if (!_entries.TryGetValue(targetId, out var entry))
        {
            return null;
        }

        var size = await PageOf(entry).RemoveAsync(targetId);
        _entries.Remove(targetId);
        if (_head.RecordPageSize(_head.PageOf(entry.LocalSequence), size))
        {
            await WriteHeadAsync();
        }

        return entry;
    }

    /// <summary>Whom this user follows, most recent first; the cursor is a local sequence.</summary>
    public Page<long> Read(PageRequest page)
    {
        var cursor = page.Cursor ?? long.MaxValue;
        var slice = _entries.Values
            .Where(e => e.LocalSequence < cursor)
            .OrderByDescending(e => e.LocalSequence)
            .Take(page.Limit + 1)
            .ToList();
        var items = slice.Take(page.Limit).ToList();
        long? next = slice.Count > page.Limit ? items[^1].LocalSequence : null;
        return new Page<long>([.. items.Select(e => e.TargetId)], next);
    }

    // Records stored before the list was paged hold every follow in FollowingState.Edges. They move to pages once, and
    // Edges is cleared only after every page holds its share: a crash half way leaves Edges as it was, and the page
    // adds are idempotent, so the next activation finishes the move.
    private async Task MoveUnpagedEdgesAsync()
    {
        var edges = following.State.Edges;
        if (edges.Count == 0)
        {
            return;
        }

        var moved = await Task.WhenAll(edges
            .Select(e => new FollowingEntry(e.Key, e.Value.LocalSequence, e.Value.FollowerSequence))
            .GroupBy(e => _head.PageOf(e.LocalSequence))
            .Select(async page => (page.Key, Size: await Page(page.Key).AddAsync([.. page]))));
        foreach (var (page, size) in moved)
        {
            _head.RecordPageSize(page, size);
        }

        edges.Clear();
        await WriteHeadAsync();
    }

    // When the head write fails, memory is ahead of storage: the grain is dropped, and the next call reloads what was
    // stored (the reservation, the page's entry), which a retry then completes.
    private async Task WriteHeadAsync()
    {
        try
        {
            await following.WriteStateAsync();
        }
        catch
        {
            onHeadWriteFailed();
            throw;
        }
    }

    private IFollowingPageGrain PageOf(FollowingEntry entry) => Page(_head.PageOf(entry.LocalSequence));

    private IFollowingPageGrain Page(long page) => grains.GetGrain<IFollowingPageGrain>(FollowingPages.Key(userId, page));
}
