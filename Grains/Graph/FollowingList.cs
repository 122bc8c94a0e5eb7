using Instagram.Grains.Lists.Paging;

namespace Instagram.Grains.Graph;

/// <summary>
/// The follows of one user as its <see cref="FollowingGrain"/> keeps them: all in memory for the reads (at most
/// <see cref="IFollowingGrain.MaxFollowing"/>, loaded from the pages on activation), and in storage as the head record
/// plus <see cref="IFollowingPageGrain"/>s of <see cref="FollowingPages.PageSize"/>, so a follow or unfollow writes one
/// page, never the whole list; the head's sizes and numbering are kept in memory and written settled on deactivation
/// (see <see cref="EdgeHead{TState}"/>).
/// </summary>
internal sealed class FollowingList(IPersistentState<FollowingState> following, IGrainFactory grains, StoredFollowingPages storedPages, long userId, Action onWriteFailed)
{
    private readonly EdgeHead<FollowingState> _head = new(following, FollowingPages.PageSize);
    private readonly Dictionary<long, FollowingEntry> _entries = [];

    public int Count => _entries.Count;

    public IEnumerable<FollowingEntry> Entries => _entries.Values;

    public bool Contains(long targetId) => _entries.ContainsKey(targetId);

    public FollowingEntry? Find(long targetId) => _entries.TryGetValue(targetId, out var entry) ? entry : null;

    /// <summary>
    /// Reads the pages in use from storage (all in one round, none activated), or every page when the head is
    /// unsettled (its silo died holding changes written behind): their entries then give the sizes and the numbering
    /// back.
    /// </summary>
    public async Task LoadAsync()
    {
        await MoveUnpagedEdgesAsync();
        var refresh = _head.NeedsRefresh;
        var pageNumbers = refresh ? _head.AllPages() : _head.PagesInUse();
        var pages = await Task.WhenAll(pageNumbers.Select(page => storedPages.ReadAsync(userId, page)));
        for (var i = 0; i < pages.Length; i++)
        {
            foreach (var entry in pages[i])
            {
                _entries[entry.TargetId] = entry;
                following.State.NextLocalSequence = Math.Max(following.State.NextLocalSequence, entry.LocalSequence + 1);
            }

            if (refresh)
            {
                _head.RecordPageSize(pageNumbers[i], pages[i].Length);
            }
        }

        _head.MarkStored();
    }

    /// <summary>On deactivation: writes the sizes and numbering kept in memory, and marks the head as trustworthy.</summary>
    public Task SettleAsync() => _head.SettleAsync();

    /// <summary>
    /// Records the follow on its page, with the follower-list edge number it was given; the head follows behind (but
    /// is written first when the follow opens a page it does not reach yet). Idempotent: a retry finds the entry.
    /// </summary>
    public Task<FollowingEntry> AddAsync(long targetId, long followerSequence) => GuardAsync(async () =>
    {
        if (_entries.TryGetValue(targetId, out var existing))
        {
            return existing;
        }

        var entry = new FollowingEntry(targetId, following.State.NextLocalSequence++, followerSequence);
        var page = _head.PageOf(entry.LocalSequence);
        await _head.BeforeChangeAsync(page);
        _head.RecordPageSize(page, await Page(page).AddAsync([entry]));
        if (following.State.ReservedSequences.Remove(targetId))
        {
            await _head.WriteAsync();
        }

        _entries[targetId] = entry;
        return entry;
    });

    /// <summary>Removes the follow from its page; null when <paramref name="targetId"/> was not followed.</summary>
    public Task<FollowingEntry?> RemoveAsync(long targetId) => GuardAsync(async () =>
    {
        if (!_entries.TryGetValue(targetId, out var entry))
        {
            return null;
        }

        var page = _head.PageOf(entry.LocalSequence);
        await _head.BeforeChangeAsync(page);
        _head.RecordPageSize(page, await Page(page).RemoveAsync(targetId));
        _entries.Remove(targetId);
        return (FollowingEntry?)entry;
    });

    /// <summary>Writes the head now: for the owner's own fields (requests, activity).</summary>
    public Task WriteHeadAsync() => GuardAsync(async () =>
    {
        await _head.WriteAsync();
        return true;
    });
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

    // When a write fails, or its answer is lost, memory may disagree with storage: the grain is dropped, and the next
    // call reloads what was stored (the page's entry, with the edge number it holds), which a retry then completes.
    private async Task<T> GuardAsync<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch
        {
            onWriteFailed();
            throw;
        }
    }

    private IFollowingPageGrain Page(long page) => grains.GetGrain<IFollowingPageGrain>(FollowingPages.Key(userId, page));
}
