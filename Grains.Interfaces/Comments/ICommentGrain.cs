namespace Instagram.Grains.Comments;

/// <summary>One comment (or reply) on a post.</summary>
[Alias("Instagram.Grains.Comments.ICommentGrain")]
public interface ICommentGrain : IGrainWithIntegerKey
{
    [Alias("CreateAsync")] Task<CommentDetails> CreateAsync(NewComment comment);

    /// <summary>The comment, or null when it does not exist or was deleted.</summary>
    [AlwaysInterleave, Alias("GetAsync")] Task<CommentDetails?> GetAsync();

    /// <summary>Deletes it; allowed to the comment's author and the post's author.</summary>
    [Alias("DeleteAsync")] Task DeleteAsync(long requestedBy, long postId);
}
