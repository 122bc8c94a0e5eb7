using Instagram.Grains.Likes;
using Instagram.Grains.Lists;
using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

/// <summary>
/// Turns post ids into views for one viewer in a few parallel rounds: posts, then authors, visibility, like and
/// comment counts and the viewer's likes. Posts the viewer may not see come back as null, like deleted ones.
/// </summary>
internal static class PostHydrator
{
    public static async Task<PostView?[]> HydrateAsync(IGrainFactory grains, IReadOnlyList<long> postIds, long viewerId) =>
        await HydrateAsync(grains, await Task.WhenAll(postIds.Select(id => grains.GetGrain<IPostGrain>(id).GetDetailsAsync())), viewerId);

    /// <summary>Hydrates posts already loaded (a post grain hydrating itself must not call itself).</summary>
    public static async Task<PostView?[]> HydrateAsync(IGrainFactory grains, PostDetails?[] posts, long viewerId)
    {
        var postIds = posts.Select(p => p?.Id ?? 0).ToArray();
        var authorIds = posts.OfType<PostDetails>().Select(p => p.AuthorId).Distinct().ToArray();
        var summaries = await Task.WhenAll(authorIds.Select(id => grains.GetGrain<IUserGrain>(id).GetSummaryAsync()));
        var authors = summaries.OfType<UserSummary>().ToDictionary(s => s.Id);
        var visible = await grains.VisibleOwnersAsync(viewerId, authors.Values);

        var ids = postIds;
        var liked = grains.GetGrain<IUserLikesGrain>(viewerId).HasLikedAsync(ids);
        var likeCounts = Task.WhenAll(ids.Select(id => grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Likes, id)).GetCountAsync()));
        var commentCounts = Task.WhenAll(ids.Select(id => grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Comments, id)).GetCountAsync()));
        await Task.WhenAll(liked, likeCounts, commentCounts);

        return [.. posts.Select((p, i) => p is not null && authors.TryGetValue(p.AuthorId, out var author) && visible.Contains(author.Id)
            ? new PostView(p with { LikeCount = likeCounts.Result[i], CommentCount = commentCounts.Result[i] }, author, liked.Result[i])
            : null)];
    }
}
