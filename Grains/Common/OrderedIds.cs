namespace Instagram.Grains.Common;

/// <summary>
/// A set of ids that remembers the order they were added in, for lists shown newest first (blocked users, whom stories
/// are hidden from). The cursor is an add position, so paging never repeats or skips while entries come and go.
/// </summary>
[GenerateSerializer, Alias("Instagram.Grains.Common.OrderedIds")]
public sealed class OrderedIds
{
    /// <summary>Each id's add position; positions only grow.</summary>
    [Id(0)] public Dictionary<long, long> Positions { get; set; } = [];
    [Id(1)] public long LastPosition { get; set; }

    public int Count => Positions.Count;

    public IEnumerable<long> Ids => Positions.Keys;

    public bool Contains(long id) => Positions.ContainsKey(id);

    /// <summary>Adds the id as the newest; false (and no change) when it is there already.</summary>
    public bool Add(long id)
    {
        if (Positions.ContainsKey(id))
        {
            return false;
        }

        Positions[id] = ++LastPosition;
        return true;
    }

    public bool Remove(long id) => Positions.Remove(id);

    /// <summary>A page of ids, newest first, after the cursor (an add position).</summary>
    public Page<long> NewestFirst(PageRequest page)
    {
        var window = Positions.Where(p => page.Cursor is not { } before || p.Value < before)
            .OrderByDescending(p => p.Value).Take(page.Limit + 1).ToArray();
        var items = window.Take(page.Limit).ToArray();
        return new Page<long>([.. items.Select(p => p.Key)], window.Length > page.Limit ? items[^1].Value : null);
    }
}
