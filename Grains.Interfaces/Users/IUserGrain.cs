using Instagram.Grains.Common;

namespace Instagram.Grains.Users;

/// <summary>One account: credentials and the public profile. Counts and relationships come from the graph and posts grains.</summary>
[Alias("Instagram.Grains.Users.IUserGrain")]
public interface IUserGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the account once; a repeat with the same username is a no-op, anything else is a conflict.</summary>
    [Alias("CreateAsync")] Task<UserSummary> CreateAsync(NewAccount account);

    // Looked up by many other grains, some of which this grain may be waiting on: it interleaves.
    [AlwaysInterleave, Alias("GetSummaryAsync")] Task<UserSummary?> GetSummaryAsync();

    /// <summary>The profile as <paramref name="viewerId"/> sees it (relationship flags are the viewer's).</summary>
    [Alias("GetProfileAsync")] Task<UserProfile?> GetProfileAsync(long viewerId);

    /// <summary>
    /// Whether <paramref name="password"/> is this account's. The hash never leaves the grain: no method a cluster
    /// client can call returns it, so a client that joins the cluster cannot collect hashes to crack offline.
    /// </summary>
    [Alias("VerifyPasswordAsync")] Task<bool> VerifyPasswordAsync(string password);

    // A user's connections, as viewerId sees them: 404 when the user is unknown or either blocks the other, 403 when the
    // account is private and the viewer does not follow it; anyone blocked either way with the viewer is left out.
    // They read the grain's state only before their first await, so they interleave like the summary.

    /// <summary>A page of who follows this user, newest first.</summary>
    [AlwaysInterleave, Alias("GetFollowersAsync")] Task<Page<UserSummary>> GetFollowersAsync(long viewerId, PageRequest page);

    /// <summary>A page of whom this user follows, newest first.</summary>
    [AlwaysInterleave, Alias("GetFollowingAsync")] Task<Page<UserSummary>> GetFollowingAsync(long viewerId, PageRequest page);

    /// <summary>A page of this user's grid (<see cref="Posts.IUserPostsGrain"/>), hydrated for the viewer, under the same rule.</summary>
    [AlwaysInterleave, Alias("GetPostsAsync")] Task<Page<Posts.PostView>> GetPostsAsync(long viewerId, PageRequest page);

    [Alias("UpdateProfileAsync")] Task<UserProfile> UpdateProfileAsync(ProfileUpdate update);

    /// <summary>
    /// Suspends the account (its content is hidden, its sessions end) or lifts the suspension; nothing is deleted.
    /// 404 for an unknown account; false when it already was in that state.
    /// </summary>
    [Alias("SetSuspendedAsync")] Task<bool> SetSuspendedAsync(bool suspended);

    /// <summary>
    /// Whether a session started at <paramref name="sessionStartedAt"/> may go on: false once a suspension ended it
    /// (for good: lifting the suspension does not revive it). A 403 while the account is suspended.
    /// </summary>
    [AlwaysInterleave, Alias("AdmitSessionAsync")] Task<bool> AdmitSessionAsync(DateTimeOffset sessionStartedAt);

    /// <summary>
    /// Why <paramref name="commenterId"/> may not comment on this user's posts under the comment policy, or null when
    /// they may (the owner always may). Reads the state before its one await, so it interleaves like the summary.
    /// </summary>
    [AlwaysInterleave, Alias("CommentRefusalAsync")] Task<string?> CommentRefusalAsync(long commenterId);
}
