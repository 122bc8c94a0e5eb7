using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

internal static class PostAccess
{
    /// <summary>
    /// The published post if <paramref name="viewerId"/> may see it; otherwise a 404, the same for unknown,
    /// deleted, private and blocked, so the answer never reveals which. Cheaper than hydrating a view.
    /// </summary>
    public static async Task<PostDetails> VisiblePostAsync(this IGrainFactory grains, long viewerId, long postId)
    {
        if (await grains.GetGrain<IPostGrain>(postId).GetDetailsAsync() is { Status: PostStatus.Published } post
            && await grains.GetGrain<IUserGrain>(post.AuthorId).GetSummaryAsync() is { } author
            && await grains.CanSeeContentAsync(viewerId, author))
        {
            return post;
        }

        throw DomainException.NotFound("post");
    }
}
