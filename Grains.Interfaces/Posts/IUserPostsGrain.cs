using Instagram.Grains.Common;

namespace Instagram.Grains.Posts;

/// <summary>
/// One author's own timeline (published post ids, newest first) and the start of fan-out: on publish it either
/// pushes the post to the author's follower pages or, for a celebrity, to the author's celebrity timeline.
/// </summary>
[Alias("Instagram.Grains.Posts.IUserPostsGrain")]
public interface IUserPostsGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a published post and distributes it; a redelivered call changes nothing twice.</summary>
    [Alias("OnPublishedAsync")] Task OnPublishedAsync(long postId);

    /// <summary>Removes a deleted post here and from every feed that received it.</summary>
    [Alias("OnDeletedAsync")] Task OnDeletedAsync(long postId);

    /// <summary>Up to <paramref name="count"/> newest post ids, newest first. Feeds and timelines call it while this grain
    /// may be waiting on them, so it interleaves.</summary>
    [AlwaysInterleave, Alias("GetRecentAsync")] Task<long[]> GetRecentAsync(int count);

    [AlwaysInterleave, Alias("GetCountAsync")] Task<long> GetCountAsync();

    /// <summary>The profile grid as <paramref name="viewerId"/> sees it; the cursor is a post id.</summary>
    [Alias("GetPageAsync")] Task<Page<PostView>> GetPageAsync(long viewerId, PageRequest page);

    /// <summary>Pushes the recent posts to every follower again; used when an author stops being a celebrity.</summary>
    [Alias("RepushRecentAsync")] Task RepushRecentAsync();
}
