namespace Instagram.Grains.Likes;

/// <summary>
/// What one user has liked: the idempotency record of every (user, post) like, and the source of "isLiked".
/// Likes of one viral post spread over as many of these grains as it has likers.
/// </summary>
[Alias("Instagram.Grains.Likes.IUserLikesGrain")]
public interface IUserLikesGrain : IGrainWithIntegerKey
{
    /// <summary>Likes a post the user can see; liking again changes nothing.</summary>
    [Alias("LikeAsync")] Task<LikeState> LikeAsync(long postId);

    [Alias("UnlikeAsync")] Task<LikeState> UnlikeAsync(long postId);

    /// <summary>For each post id, whether this user likes it.</summary>
    [AlwaysInterleave, Alias("HasLikedAsync")] Task<bool[]> HasLikedAsync(long[] postIds);
}
