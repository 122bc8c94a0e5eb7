using Instagram.Grains.Common;

namespace Instagram.Grains.Graph;

/// <summary>
/// A slice of one user's followers: edges whose sequence falls in [page * PageSize, (page + 1) * PageSize).
/// Keyed by <see cref="FollowerPages.Key"/>. It also consumes the <see cref="StreamNamespaces.FanOut"/> stream of
/// the same key and pushes each post to its followers' feeds.
/// </summary>
[Alias("Instagram.Grains.Graph.IFollowerPageGrain")]
public interface IFollowerPageGrain : IGrainWithStringKey
{
    [Alias("AddAsync")] Task AddAsync(long followerId, long sequence);

    /// <summary>True when the follower was on this page.</summary>
    [Alias("RemoveAsync")] Task<bool> RemoveAsync(long followerId);

    /// <summary>Followers with a sequence below <paramref name="beforeSequence"/>, highest first.</summary>
    [Alias("GetBeforeAsync")] Task<FollowerEdge[]> GetBeforeAsync(long beforeSequence, int limit);
}
