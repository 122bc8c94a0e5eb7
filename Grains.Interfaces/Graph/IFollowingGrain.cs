using Instagram.Grains.Common;

namespace Instagram.Grains.Graph;

/// <summary>
/// The accounts one user follows (bounded by <see cref="MaxFollowing"/>, so all of them fit in memory; stored on
/// <see cref="IFollowingPageGrain"/>s so a follow writes one page). Following and unfollowing start here and update the target's <see cref="IFollowersGrain"/> and the user's own feed.
/// </summary>
[Alias("Instagram.Grains.Graph.IFollowingGrain")]
public interface IFollowingGrain : IGrainWithIntegerKey
{
    /// <summary>Instagram's own cap on how many accounts one user may follow.</summary>
    public const int MaxFollowing = 7_500;

    /// <summary>Follows <paramref name="targetId"/>; following again is a no-op.</summary>
    [Alias("FollowAsync")] Task<FollowState> FollowAsync(long targetId);

    /// <summary>Unfollows <paramref name="targetId"/>; unfollowing someone not followed is a no-op.</summary>
    [Alias("UnfollowAsync")] Task UnfollowAsync(long targetId);

    /// <summary>The target approved this user's request: the follow edge is made now.</summary>
    [Alias("CompleteRequestAsync")] Task CompleteRequestAsync(long targetId);

    /// <summary>The target declined (or blocked): the pending request is dropped.</summary>
    [Alias("DropRequestAsync")] Task DropRequestAsync(long targetId);

    /// <summary>
    /// The user was active now. At most once per <c>Feed:ActivityRecordInterval</c> this is written to every follower
    /// page the user is on, so fan-out pushes to them. Returns true when the user had been inactive long enough that
    /// fan-out may have skipped them (posts made meanwhile must be pulled).
    /// </summary>
    [Alias("RecordActivityAsync")] Task<bool> RecordActivityAsync();

    [AlwaysInterleave, Alias("GetStateAsync")] Task<FollowState> GetStateAsync(long targetId);

    // The reads below only look at memory and may be called back while a follow is in flight, so they interleave.
    [AlwaysInterleave, Alias("IsFollowingAsync")] Task<bool> IsFollowingAsync(long targetId);

    [AlwaysInterleave, Alias("GetFollowingIdsAsync")] Task<long[]> GetFollowingIdsAsync();

    [AlwaysInterleave, Alias("GetCountAsync")] Task<long> GetCountAsync();

    /// <summary>Whom this user follows, most recent first; the cursor is a local follow sequence.</summary>
    [AlwaysInterleave, Alias("GetPageAsync")] Task<Page<long>> GetPageAsync(PageRequest page);
}
