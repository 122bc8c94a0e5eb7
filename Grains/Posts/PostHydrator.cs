using Instagram.Grains.Graph;
using Instagram.Grains.Likes;
using Instagram.Grains.Moderation;
using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

/// <summary>
/// Turns post ids into views for one viewer: one read-only call per post (which carries its like and comment
/// counts), authors from the silo's <see cref="HydrationCache"/>, and the viewer's block list and likes asked at the
/// same time as the posts. Posts the viewer may not see come back as null, like deleted ones.
/// </summary>
internal sealed class PostHydrator(IGrainFactory grains, HydrationCache cache)
{
    public async Task<PostView?[]> HydrateAsync(IReadOnlyList<long> postIds, long viewerId)
    {
        var ids = postIds as long[] ?? [.. postIds];
        var blocked = grains.GetGrain<IBlocksGrain>(viewerId).GetExcludedAsync();
        var liked = grains.GetGrain<IUserLikesGrain>(viewerId).HasLikedAsync(ids);
        var posts = await Task.WhenAll(ids.Select(id => grains.GetGrain<IPostGrain>(id).GetDetailsAsync()));
        return await ViewsAsync(posts, viewerId, blocked, liked);
    }

    /// <summary>Hydrates posts already loaded (a post grain hydrating itself must not call itself).</summary>
    public Task<PostView?[]> HydrateAsync(PostDetails?[] posts, long viewerId) => ViewsAsync(posts, viewerId,
        grains.GetGrain<IBlocksGrain>(viewerId).GetExcludedAsync(),
        grains.GetGrain<IUserLikesGrain>(viewerId).HasLikedAsync([.. posts.Select(p => p?.Id ?? 0)]));

    private async Task<PostView?[]> ViewsAsync(PostDetails?[] posts, long viewerId, Task<long[]> blocked, Task<bool[]> liked)
    {
        var summaries = await Task.WhenAll(posts.OfType<PostDetails>().Select(p => p.AuthorId).Distinct()
            .Select(id => cache.Authors.GetAsync(id, LoadAuthorAsync)));
        var authors = summaries.OfType<UserSummary>().ToDictionary(s => s.Id);
        var visible = await grains.VisibleOwnersAsync(viewerId, authors.Values, await blocked);
        var likedFlags = await liked;
        return [.. posts.Select((p, i) => p is not null && authors.TryGetValue(p.AuthorId, out var author) && visible.Contains(author.Id)
            ? new PostView(p, author, likedFlags[i])
            : null)];
    }

    /// <summary>
    /// Whether an author's posts are hidden only for now (the account is suspended), so a cache that drops what no longer
    /// hydrates keeps them for when the suspension is lifted. Asked right after hydrating: a hit in the silo's cache.
    /// </summary>
    public async Task<bool> IsSuspendedAsync(long authorId) => (await cache.Authors.GetAsync(authorId, LoadAuthorAsync))?.IsSuspended == true;

    /// <summary>Whether a list (feed, hashtag page) shows a hydrated post: published, and not muted by the viewer.</summary>
    public static bool IsListed(PostView view, MutedWords muted, long viewerId) =>
        view.Post.Status == PostStatus.Published && !muted.HidesPost(view.Post, viewerId);

    /// <summary>
    /// The viewer's muted words, for the lists that hide what they match (feed, explore, reels, comments), read once
    /// per request from the silo's cache; the grid and a post's own page do not hide anything.
    /// </summary>
    public Task<MutedWords> MutedWordsAsync(long viewerId) =>
        cache.MutedWords.GetAsync(viewerId, LoadMutedWordsAsync);

    private Task<UserSummary?> LoadAuthorAsync(long userId) => grains.GetGrain<IUserGrain>(userId).GetSummaryAsync();

    private Task<MutedWords> LoadMutedWordsAsync(long userId) => grains.GetGrain<IMutedWordsGrain>(userId).GetAsync();
}
