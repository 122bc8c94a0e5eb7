namespace Instagram.Grains.Lists;

/// <summary>One page of an <see cref="IEdgeListGrain"/>, keyed "{list}:{ownerId}:{page}".</summary>
[Alias("Instagram.Grains.Lists.IEdgeListPageGrain")]
public interface IEdgeListPageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Removes the items in <paramref name="removals"/> and adds <paramref name="adds"/> (entries whose item is
    /// already here are ignored), in one storage write.
    /// </summary>
    [Alias("ChangeAsync")] Task<EdgeListPageChange> ChangeAsync(ListEntry[] adds, long[] removals);

    [Alias("ClearAsync")] Task ClearAsync();

    /// <summary>How many entries the page holds (asked once by heads stored before they kept page sizes).</summary>
    [AlwaysInterleave, Alias("GetSizeAsync")] Task<int> GetSizeAsync();

    /// <summary>Up to <paramref name="limit"/> entries past <paramref name="cursor"/> in the given direction.</summary>
    [Alias("GetPastAsync")] Task<ListEntry[]> GetPastAsync(long cursor, int limit, bool newestFirst);
}
