using Instagram.Grains.Common;
using Instagram.Grains.Comments;
using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

/// <summary>One post: caption, media, status and counters. Deleting leaves a tombstone that every read honours.</summary>
[Alias("Instagram.Grains.Posts.IPostGrain")]
public interface IPostGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the post as <see cref="PostStatus.Processing"/> and schedules publication; a repeat is a no-op.</summary>
    [Alias("CreateAsync")] Task<PostStatus> CreateAsync(NewPost post);

    /// <summary>Flips a processing post to published once its media are ready, then hands it to fan-out.</summary>
    [Alias("PublishAsync")] Task<PostStatus> PublishAsync();

    // Reads of a viral post come from everywhere at once: they run side by side (never beside a write).

    /// <summary>The stored post, or null when it does not exist or is deleted.</summary>
    [ReadOnly, Alias("GetDetailsAsync")] Task<PostDetails?> GetDetailsAsync();

    /// <summary>The hydrated post as <paramref name="viewerId"/> sees it, or null when not visible.</summary>
    [ReadOnly, Alias("GetViewAsync")] Task<PostView?> GetViewAsync(long viewerId);

    /// <summary>
    /// A page of the post's comments, oldest first, each with its author, as <paramref name="viewerId"/> sees them:
    /// a 404 unless the post is published and visible to the viewer; comments by anyone blocked either way are left out.
    /// </summary>
    [ReadOnly, Alias("GetCommentsAsync")] Task<Page<CommentView>> GetCommentsAsync(long viewerId, PageRequest page);

    /// <summary>
    /// A page of the users who liked the post, newest first, as <paramref name="viewerId"/> sees them: a 404 unless the
    /// post is published and visible to the viewer; anyone blocked either way is left out.
    /// </summary>
    [ReadOnly, Alias("GetLikersAsync")] Task<Page<UserSummary>> GetLikersAsync(long viewerId, PageRequest page);

    [Alias("DeleteAsync")] Task DeleteAsync(long requestedBy);

    /// <summary>
    /// The post's likes or comments list (<c>EdgeLists.Likes</c>, <c>EdgeLists.Comments</c>) now holds
    /// <paramref name="count"/> entries: pushed by the list after each of its flushes, in order, so reads of the post
    /// carry its counts without asking the lists.
    /// </summary>
    [Alias("SetEngagementCountAsync")] Task SetEngagementCountAsync(string list, long count);
}
