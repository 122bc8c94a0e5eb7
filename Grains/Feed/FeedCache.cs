namespace Instagram.Grains.Feed;

/// <summary>
/// A feed's newest <see cref="Capacity"/> entries, read newest first (post ids are time-sortable). Inserting an entry
/// that is already present changes nothing, which is what makes redelivered fan-out harmless.
/// </summary>
/// <remarks>
/// Stored oldest first, so a new post (nearly every delivery) is appended instead of shifting the whole list, and the
/// entries that fall out of the window are dropped a batch at a time; until then they sit below <see cref="Start"/>,
/// outside every answer.
/// </remarks>
public sealed class FeedCache(int capacity)
{
    private readonly List<FeedEntry> _entries = new(Math.Min(capacity, 64));
    private readonly int _trimSlack = Math.Max(1, capacity / 8);

    public int Count => _entries.Count - Start;

    public int Capacity => capacity;

    // The oldest entry still in the window.
    private int Start => Math.Max(0, _entries.Count - capacity);

    /// <summary>Adds the entry in order; false when it was already there or is too old to fit.</summary>
    public bool Insert(FeedEntry entry)
    {
        // Nearly every delivery is the newest post yet: one comparison instead of a binary search, whose every step
        // reads another entry from the heap.
        var index = _entries.Count == 0 || entry.PostId > _entries[^1].PostId ? ~_entries.Count : IndexOf(entry.PostId);
        if (index >= 0)
        {
            return false;
        }

        index = ~index;
        if (index == Start && Count >= capacity)
        {
            return false; // older than everything in a full window
        }

        if (index == _entries.Count)
        {
            _entries.Add(entry);
        }
        else
        {
            _entries.Insert(index, entry);
        }

        if (_entries.Count >= capacity + _trimSlack)
        {
            _entries.RemoveRange(0, _entries.Count - capacity);
        }

        return true;
    }

    /// <summary>
    /// Adds entries listed newest first (as timelines and the read model give them); returns how many were new. They go
    /// in oldest first, the cache's own order, so each is an append rather than a shift of everything after it.
    /// </summary>
    public int InsertNewestFirst(IReadOnlyList<FeedEntry> newestFirst)
    {
        var inserted = 0;
        for (var i = newestFirst.Count - 1; i >= 0; i--)
        {
            if (Insert(newestFirst[i]))
            {
                inserted++;
            }
        }

        return inserted;
    }

    /// <summary>Removes the entry, also from below the window, where a later removal would bring it back into view.</summary>
    public bool Remove(long postId)
    {
        var index = IndexOf(postId, from: 0);
        if (index < 0)
        {
            return false;
        }

        _entries.RemoveAt(index);
        return true;
    }

    public int RemoveAuthor(long authorId) => _entries.RemoveAll(e => e.AuthorId == authorId);

    /// <summary>Up to <paramref name="count"/> entries older than <paramref name="beforePostId"/> (null = from the newest), newest first.</summary>
    public List<FeedEntry> Take(long? beforePostId, int count)
    {
        var from = (beforePostId is { } cursor ? NewerOrEqualFrom(cursor) : _entries.Count) - 1;
        var taken = new List<FeedEntry>(Math.Max(0, Math.Min(count, from - Start + 1)));
        for (var i = from; i >= Start && taken.Count < count; i--)
        {
            taken.Add(_entries[i]);
        }

        return taken;
    }

    /// <summary>Whether any entry is older than <paramref name="postId"/>.</summary>
    public bool HasOlderThan(long postId) => Count > 0 && _entries[Start].PostId < postId;

    public bool Contains(long postId) => IndexOf(postId) >= 0;

    // The first index whose entry is not older than postId.
    private int NewerOrEqualFrom(long postId)
    {
        var index = IndexOf(postId);
        return index >= 0 ? index : ~index;
    }

    // Binary search over the window (or from another index), oldest first: the index, or the bitwise complement of the
    // insertion point.
    private int IndexOf(long postId) => IndexOf(postId, Start);

    private int IndexOf(long postId, int from)
    {
        int low = from, high = _entries.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var current = _entries[mid].PostId;
            if (current == postId)
            {
                return mid;
            }

            if (current < postId)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }
}
