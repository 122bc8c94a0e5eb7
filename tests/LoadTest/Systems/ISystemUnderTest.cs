namespace Instagram.LoadTest.Systems;

/// <summary>
/// One system the scenarios drive: ours (grains, directly or over HTTP) or the Redis baseline. Seeding and the
/// scenarios only use these operations, so every system runs exactly the same workload.
/// </summary>
public interface ISystemUnderTest : IAsyncDisposable
{
    /// <summary>Short label used in tables and reports, e.g. "orleans-embedded" or "redis-baseline".</summary>
    string Name { get; }

    /// <summary>True for ours, false for the baseline.</summary>
    bool IsOurs { get; }

    /// <summary>True when a post is published and fanned out after the create call returns (ours); false when the
    /// call returns only once every follower's feed holds it (the baseline's synchronous pipeline).</summary>
    bool PublishesAsynchronously { get; }

    /// <summary>Whether <see cref="PushedItemsAsync"/> and <see cref="CelebrityTimelineHasAsync"/> can be asked.</summary>
    bool HasFeedDiagnostics { get; }

    Task<long> CreateUserAsync(int index, CancellationToken cancellationToken);

    Task FollowAsync(long followerId, long followeeId, CancellationToken cancellationToken);

    /// <summary>Unfollows (idempotent); the followee's posts leave the follower's feed.</summary>
    Task UnfollowAsync(long followerId, long followeeId, CancellationToken cancellationToken);

    /// <summary>Uploads (or registers) one media item for <paramref name="authorId"/>; the returned handle goes to <see cref="CreatePostAsync"/>.</summary>
    Task<string> PrepareMediaAsync(long authorId, CancellationToken cancellationToken);

    /// <summary>Creates a post and returns its id.</summary>
    Task<long> CreatePostAsync(long authorId, string mediaHandle, string caption, CancellationToken cancellationToken);

    /// <summary>Reads the first page of the user's home feed, hydrated; returns the number of posts on it.</summary>
    Task<int> ReadFeedAsync(long userId, int limit, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="postId"/> is in the user's feed now.</summary>
    Task<bool> FeedContainsAsync(long userId, long postId, CancellationToken cancellationToken);

    /// <summary>For each of <paramref name="userIds"/>, whether <paramref name="postId"/> is in their feed now.</summary>
    async Task<bool[]> FeedsContainAsync(long[] userIds, long postId, CancellationToken cancellationToken) =>
        await Task.WhenAll(userIds.Select(u => FeedContainsAsync(u, postId, cancellationToken)));

    /// <summary>Every post id in the user's feed from <paramref name="sinceId"/> on, newest first, duplicates kept (ours only: the fan-out audit).</summary>
    Task<List<long>> ReadFeedIdsSinceAsync(long userId, long sinceId, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>How many items were pushed to this user's feed since its activation (ours only).</summary>
    Task<long> PushedItemsAsync(long userId, CancellationToken cancellationToken);

    /// <summary><see cref="PushedItemsAsync(long, CancellationToken)"/> for each of <paramref name="userIds"/>, in order.</summary>
    async Task<long[]> PushedItemsAsync(long[] userIds, CancellationToken cancellationToken) =>
        await Task.WhenAll(userIds.Select(u => PushedItemsAsync(u, cancellationToken)));

    /// <summary>Whether a celebrity's timeline already shows the post (ours only: the end of a celebrity's publish).</summary>
    Task<bool> CelebrityTimelineHasAsync(long authorId, long postId, CancellationToken cancellationToken);

    /// <summary>Likes the post as the user (idempotent) and returns the post's like count as the like call reports it.</summary>
    Task<long> LikeAsync(long userId, long postId, CancellationToken cancellationToken);

    /// <summary>How many published posts the author's own timeline holds (to wait for asynchronous publication while seeding).</summary>
    Task<long> PublishedPostCountAsync(long authorId, CancellationToken cancellationToken);

    /// <summary>Runs one search as <paramref name="viewerId"/> and returns how many results came back (ours only).</summary>
    Task<int> SearchAsync(long viewerId, SearchRequest request, CancellationToken cancellationToken);

    /// <summary>Whether the reels operations below are implemented (ours through grains).</summary>
    bool HasReels => false;

    /// <summary>Publishes a reel: a vertical video of <paramref name="durationMs"/>, registered as already stored.</summary>
    Task<long> CreateReelAsync(long authorId, int durationMs, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>One page of the viewer's reels feed (no cursor: a new session), as GET /v1/reels serves it.</summary>
    Task<ReelsPage> ReadReelsAsync(long viewerId, long? cursor, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>Records a watch, as POST /v1/reels/{id}/watch does.</summary>
    Task WatchReelAsync(long viewerId, long reelId, int watchedMs, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>
    /// Makes every feed cold, as a restart would: every idle activation in the cluster is collected (so timelines and
    /// grain state must be read again too). False when the system cannot (the baseline, the Api over HTTP).
    /// </summary>
    Task<bool> MakeFeedsColdAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>Runtime figures after a scenario (activations, bytes per grain...); empty when the system has none to give.</summary>
    Task<IReadOnlyDictionary<string, double>> RuntimeMetricsAsync(CancellationToken cancellationToken);
}
