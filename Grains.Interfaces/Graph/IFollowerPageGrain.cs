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
    /// <summary>
    /// Removes the edges of <paramref name="removals"/>, then adds edges for the followers of <paramref name="adds"/>
    /// (follower id, sequence) not here yet: a follower already here keeps their edge, so a retried add changes
    /// nothing. One write for the lot; returns the page's size.
    /// </summary>
    [Alias("ChangeAsync")] Task<int> ChangeAsync(FollowerAdd[] adds, long[] removals);

    /// <summary>
    /// Notes that these followers were active at <paramref name="at"/>, so fan-out pushes to them again; ids not on
    /// the page are ignored. Interleaves: marks arriving together share one page write.
    /// </summary>
    [AlwaysInterleave, Alias("MarkActiveAsync")] Task MarkActiveAsync(long[] followerIds, DateTimeOffset at);

    /// <summary>How many edges the page holds.</summary>
    [AlwaysInterleave, Alias("GetSizeAsync")] Task<int> GetSizeAsync();

    /// <summary>Followers with a sequence below <paramref name="beforeSequence"/>, highest first.</summary>
    [Alias("GetBeforeAsync")] Task<FollowerEdge[]> GetBeforeAsync(long beforeSequence, int limit);
}
