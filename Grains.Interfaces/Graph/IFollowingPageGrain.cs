namespace Instagram.Grains.Graph;

/// <summary>
/// A slice of the accounts one user follows: follows whose local sequence falls in [page * PageSize, (page + 1) *
/// PageSize). Keyed by <see cref="FollowingPages.Key"/>. Only the user's <see cref="IFollowingGrain"/> calls it; it reads
/// the pages' stored records directly when it activates, so nothing here reads.
/// </summary>
[Alias("Instagram.Grains.Graph.IFollowingPageGrain")]
public interface IFollowingPageGrain : IGrainWithStringKey
{
    /// <summary>Adds the entries in one write (a target already here keeps its entry: a retried add changes nothing); returns the page's size.</summary>
    [Alias("AddAsync")] Task<int> AddAsync(FollowingEntry[] entries);

    /// <summary>Removes the target's entry if it is here; returns the page's size.</summary>
    [Alias("RemoveAsync")] Task<int> RemoveAsync(long targetId);
}
