namespace Instagram.Grains.Feed;

/// <summary>
/// A bounded list of feed entries sorted newest first (post ids are time-sortable). Inserting an entry that is
/// already present changes nothing, which is what makes redelivered fan-out harmless.
/// </summary>
public sealed class FeedCache(int capacity)
{
    private readonly List<FeedEntry> _entries = new(Math.Min(capacity, 64));

    public int Count => _entries.Count;

    public int Capacity => capacity;

    /// <summary>Adds the entry in order; false when it was already there or is too old to fit.</summary>
    public bool Insert(FeedEntry entry)
    {
        var index = IndexOf(entry.PostId);
        if (index >= 0)
        {
            return false;
        }

        index = ~index;
        if (index >= capacity)
        {
            return false;
        }

        _entries.Insert(index, entry);
        if (_entries.Count > capacity)
        {
            _entries.RemoveAt(_entries.Count - 1);
        }

        return true;
    }

    public bool Remove(long postId)
    {
        var index = IndexOf(postId);
        if (index < 0)
        {
            return false;
        }

        _entries.RemoveAt(index);
        return true;
    }

    public int RemoveAuthor(long authorId) => _entries.RemoveAll(e => e.AuthorId == authorId);

    /// <summary>Up to <paramref name="count"/> entries older than <paramref name="beforePostId"/> (null = from the newest).</summary>
    public List<FeedEntry> Take(long? beforePostId, int count)
    {
        var start = beforePostId is { } cursor ? FirstOlderThan(cursor) : 0;
        var available = Math.Max(0, Math.Min(count, _entries.Count - start));
        return _entries.GetRange(start, available);
    }

    /// <summary>Whether any entry is older than <paramref name="postId"/>.</summary>
    public bool HasOlderThan(long postId) => FirstOlderThan(postId) < _entries.Count;

    public bool Contains(long postId) => IndexOf(postId) >= 0;

    private int FirstOlderThan(long postId)
    {
        var index = IndexOf(postId);
        return index >= 0 ? index + 1 : ~index;
    }

    // Binary search over a descending list: returns the index, or the bitwise complement of the insertion point.
    private int IndexOf(long postId)
    {
        int low = 0, high = _entries.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var current = _entries[mid].PostId;
            if (current == postId)
            {
                return mid;
            }

            if (current > postId)
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
