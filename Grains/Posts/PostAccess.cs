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
        var post = await grains.GetGrain<IPostGrain>(postId).GetDetailsAsync();
        await grains.EnsurePostVisibleAsync(viewerId, post?.AuthorId ?? 0, post is { Status: PostStatus.Published });
        return post!;
    }

    /// <summary>The rule itself, for a caller that holds the post already (the post grain answering about itself).</summary>
    public static async Task EnsurePostVisibleAsync(this IGrainFactory grains, long viewerId, long authorId, bool published)
    {
        if (!published
            || await grains.GetGrain<IUserGrain>(authorId).GetSummaryAsync() is not { } author
            || !await grains.CanSeeContentAsync(viewerId, author))
        {
            throw DomainException.NotFound("post");
        }
    }
}
