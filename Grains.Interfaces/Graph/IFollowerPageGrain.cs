using Instagram.Grains.Common;

namespace Instagram.Grains.Graph;

/// <summary>
/// A slice of one user's followers: edges whose sequence falls in [page * PageSize, (page + 1) * PageSize).
/// Keyed by <see cref="FollowerPages.Key"/>. It also consumes the <see cref="StreamNamespaces.FanOut"/> stream of
/// the same key and delivers each post straight to its active followers' feeds.
/// </summary>
[Alias("Instagram.Grains.Graph.IFollowerPageGrain")]
public interface IFollowerPageGrain : IGrainWithStringKey
{
    /// <summary>Adds the edge (a follower already here keeps their edge: a retried add changes nothing); returns the page's size.</summary>
    [Alias("AddAsync")] Task<int> AddAsync(long followerId, long sequence);

    /// <summary>Removes the follower's edge if it is here; returns the page's size.</summary>
    [Alias("RemoveAsync")] Task<int> RemoveAsync(long followerId);

    /// <summary>Notes that the follower was active at <paramref name="at"/>, so fan-out pushes to them again.</summary>
    [Alias("MarkActiveAsync")] Task MarkActiveAsync(long followerId, DateTimeOffset at);

    /// <summary>How many edges the page holds.</summary>
    [AlwaysInterleave, Alias("GetSizeAsync")] Task<int> GetSizeAsync();

    /// <summary>Followers with a sequence below <paramref name="beforeSequence"/>, highest first.</summary>
    [Alias("GetBeforeAsync")] Task<FollowerEdge[]> GetBeforeAsync(long beforeSequence, int limit);
}
