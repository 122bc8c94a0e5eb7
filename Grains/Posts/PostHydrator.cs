using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

/// <summary>Turns post ids into views for one viewer with one parallel round of calls for posts and one for authors.</summary>
internal static class PostHydrator
{
    /// <summary>Views in the order of <paramref name="postIds"/>; null where a post is missing or deleted.</summary>
    public static async Task<PostView?[]> HydrateAsync(IGrainFactory grains, IReadOnlyList<long> postIds, long viewerId)
    {
        var posts = await Task.WhenAll(postIds.Select(id => grains.GetGrain<IPostGrain>(id).GetDetailsAsync()));
        var authorIds = posts.OfType<PostDetails>().Select(p => p.AuthorId).Distinct().ToArray();
        var summaries = await Task.WhenAll(authorIds.Select(id => grains.GetGrain<IUserGrain>(id).GetSummaryAsync()));
        var authors = summaries.OfType<UserSummary>().ToDictionary(s => s.Id);

        return [.. posts.Select(p => p is not null && authors.TryGetValue(p.AuthorId, out var author)
            ? new PostView(p, author, IsLiked: false)
            : null)];
    }
}
