using Instagram.Grains.Common;

namespace Instagram.Grains.Lists;

/// <summary>
/// A long, ordered list of ids that belongs to something (a post's likers, a post's comments), keyed
/// "{list}:{ownerId}" (see <see cref="EdgeLists"/>). The head numbers entries and counts them; entries live in
/// <see cref="IEdgeListPageGrain"/>s of at most <see cref="EdgeLists.PageSize"/>, so no record grows without bound.
/// Adds are group-committed: concurrent adds share one storage write per page and one for the head, and each add
/// returns only once it is durable.
/// </summary>
[Alias("Instagram.Grains.Lists.IEdgeListGrain")]
public interface IEdgeListGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="itemId"/> and returns its sequence number once stored.</summary>
    [Alias("AddAsync")] Task<long> AddAsync(long itemId);

    /// <summary>Removes the entry numbered <paramref name="sequence"/>; true when it was there.</summary>
    [Alias("RemoveAsync")] Task<bool> RemoveAsync(long itemId, long sequence);

    [Alias("GetCountAsync")] Task<long> GetCountAsync();

    /// <summary>Deletes the list and all its pages (the owner is gone).</summary>
    [Alias("ClearAsync")] Task ClearAsync();

    /// <summary>A page of item ids; the cursor is a sequence number.</summary>
    [Alias("GetPageAsync")] Task<Page<long>> GetPageAsync(PageRequest page, bool newestFirst);
}
