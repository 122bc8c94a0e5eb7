namespace Instagram.Grains.Lists;

/// <summary>One page of an <see cref="IEdgeListGrain"/>, keyed "{list}:{ownerId}:{page}".</summary>
[Alias("Instagram.Grains.Lists.IEdgeListPageGrain")]
public interface IEdgeListPageGrain : IGrainWithStringKey
{
    /// <summary>Adds entries (one storage write for all); entries already present are ignored.</summary>
    [Alias("AddManyAsync")] Task AddManyAsync(ListEntry[] entries);

    [Alias("RemoveAsync")] Task<bool> RemoveAsync(long itemId);

    [Alias("ClearAsync")] Task ClearAsync();

    /// <summary>Up to <paramref name="limit"/> entries past <paramref name="cursor"/> in the given direction.</summary>
    [Alias("GetPastAsync")] Task<ListEntry[]> GetPastAsync(long cursor, int limit, bool newestFirst);
}
