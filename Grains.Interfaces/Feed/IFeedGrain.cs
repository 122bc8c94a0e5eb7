using Instagram.Grains.Common;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Feed;

/// <summary>
/// One user's home feed: an in-memory cache of post ids, newest first, fed by fan-out deliveries from the follower
/// pages, topped up from followed celebrities' timelines on every read, and rebuilt from the graph before its first read.
/// </summary>
[Alias("Instagram.Grains.Feed.IFeedGrain")]
public interface IFeedGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// A hydrated page for the feed's owner. A feed with nothing from the graph yet (cold start) serves explore
    /// posts marked <see cref="PostView.Suggested"/>, paged by the explore cursor.
    /// </summary>
    [Alias("GetPageAsync")] Task<Page<PostView>> GetPageAsync(PageRequest page, FeedOrder order = FeedOrder.Chronological);

    /// <summary>Fan-out: add or remove one post. Idempotent, so a redelivered fan-out event changes nothing.</summary>
    /// <remarks>
    /// Interleaves with a read in progress (it never awaits, so it cannot see a read half done): a read may wait on the
    /// owner's follower pages (recording activity), and a page waits on its deliveries, so a delivery queued behind
    /// that read would deadlock the three grains.
    /// </remarks>
    [AlwaysInterleave, Alias("DeliverAsync")] Task DeliverAsync(FeedItem item);

    /// <summary>The owner started following <paramref name="authorId"/>: take in their recent posts.</summary>
    [Alias("OnFollowedAsync")] Task OnFollowedAsync(long authorId);

    /// <summary>The owner stopped following <paramref name="authorId"/>: drop their posts.</summary>
    [Alias("OnUnfollowedAsync")] Task OnUnfollowedAsync(long authorId);

    /// <summary>
    /// Whether the feed holds the pushed post <paramref name="postId"/> now, without hydrating anything (an activation
    /// that was never read and does not hold it is rebuilt first, as a read would be). For operators and the load
    /// tester's delivery probes.
    /// </summary>
    [Alias("HoldsAsync")] Task<bool> HoldsAsync(long postId);

    /// <summary>Counters that show how the cache was filled; for operators and tests.</summary>
    [Alias("GetDiagnosticsAsync")] Task<FeedDiagnostics> GetDiagnosticsAsync();
}
