using Instagram.Grains.Common;

namespace Instagram.Grains.Graph;

/// <summary>
/// Who follows one user: a counter and the sequence that numbers each edge. The edges themselves live in
/// <see cref="IFollowerPageGrain"/>s of at most <see cref="FollowerPages.PageSize"/>, so no record grows with a
/// celebrity's audience. It also decides whether the user is a celebrity (pull) or not (push).
/// </summary>
[Alias("Instagram.Grains.Graph.IFollowersGrain")]
public interface IFollowersGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Hands out the number of a new edge. The follower keeps it before adding the edge, so a retried follow adds
    /// the same edge to the same page and never a second one.
    /// </summary>
    [Alias("ReserveSequenceAsync")] Task<long> ReserveSequenceAsync();

    /// <summary>Adds the edge numbered <paramref name="sequence"/>; adding it again is a no-op.</summary>
    [Alias("AddAsync")] Task AddAsync(long followerId, long sequence);

    /// <summary>Removes the edge numbered <paramref name="sequence"/>; removing it twice is a no-op.</summary>
    [Alias("RemoveAsync")] Task RemoveAsync(long followerId, long sequence);

    // Reads only look at memory and may be called back during an add, so they interleave.
    [AlwaysInterleave, Alias("GetCountAsync")] Task<long> GetCountAsync();

    /// <summary>Followers, most recent first; the cursor is an edge sequence number.</summary>
    [AlwaysInterleave, Alias("GetPageAsync")] Task<Page<long>> GetPageAsync(PageRequest page);

    /// <summary>How a new post must be distributed: pushed to follower pages, or kept on a celebrity timeline.</summary>
    [AlwaysInterleave, Alias("GetFanOutPlanAsync")] Task<FanOutPlan> GetFanOutPlanAsync();
}
