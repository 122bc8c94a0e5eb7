using Instagram.Grains.Graph;
using Instagram.Grains.Likes;
using Instagram.Grains.Moderation;
using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

/// <summary>
/// Turns post ids into views for one viewer: posts (with their like and comment counts) and authors from the silo's
/// <see cref="HydrationCache"/>, a read-only call for each one missing there, and the viewer's block list and likes
/// asked at the same time. Posts the viewer may not see come back as null, like deleted ones.
/// </summary>
internal sealed class PostHydrator
{
    private readonly IGrainFactory _grains;
    private readonly HydrationCache _cache;
    private readonly Func<long, Task<PostDetails?>> _loadPost;
    private readonly Func<long, Task<UserSummary?>> _loadAuthor;
    private readonly Func<long, Task<MutedWords>> _loadMutedWords;

    public PostHydrator(IGrainFactory grains, HydrationCache cache, SiloPostCache siloPostCache)
    {
        _grains = grains;
        _cache = cache;
        _loadPost = postId =>
        {
            siloPostCache.EnsureRegistered(); // a copy kept here must hear of the post's deletion on another silo
            return grains.GetGrain<IPostGrain>(postId).GetDetailsAsync();
        };
        _loadAuthor = userId => grains.GetGrain<IUserGrain>(userId).GetSummaryAsync();
        _loadMutedWords = userId => grains.GetGrain<IMutedWordsGrain>(userId).GetAsync();
    }

    public async Task<PostView?[]> HydrateAsync(IReadOnlyList<long> postIds, long viewerId)
    {
        var ids = postIds as long[] ?? [.. postIds];
        var (blocked, liked) = AskViewer(viewerId, ids);
        var loads = new Task<PostDetails?>[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            loads[i] = _cache.Posts.GetAsync(ids[i], _loadPost);
        }

        return await ViewsAsync(await Task.WhenAll(loads), viewerId, blocked, liked);
    }

    /// <summary>
    /// Activates the viewer's block list and likes (a storage read each when cold) without waiting, so that a cold
    /// feed loads them while it is rebuilt instead of after. A failure here is met again, and reported, by hydration.
    /// </summary>
    public async Task WarmUpViewerAsync(long viewerId)
    {
        try
        {
            var (blocked, liked) = AskViewer(viewerId, []);
            await Task.WhenAll(blocked, liked);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
        }
    }

    /// <summary>Called by a post's grain after each change it stores: pages on this silo show it at once.</summary>
    public void ForgetPost(long postId) => _cache.Posts.Evict(postId);

    /// <summary>Hydrates posts already loaded (a post grain hydrating itself must not call itself).</summary>
    public Task<PostView?[]> HydrateAsync(PostDetails?[] posts, long viewerId)
    {
        var (blocked, liked) = AskViewer(viewerId, [.. posts.Select(p => p?.Id ?? 0)]);
        return ViewsAsync(posts, viewerId, blocked, liked);
    }

    // What hydration needs to know of the viewer, asked side by side with the posts.
    private (Task<long[]> Blocked, Task<bool[]> Liked) AskViewer(long viewerId, long[] postIds) => (
        _grains.GetGrain<IBlocksGrain>(viewerId).GetExcludedAsync(),
        _grains.GetGrain<IUserLikesGrain>(viewerId).HasLikedAsync(postIds));

    private async Task<PostView?[]> ViewsAsync(PostDetails?[] posts, long viewerId, Task<long[]> blocked, Task<bool[]> liked)
    {
        var summaries = await Task.WhenAll(posts.OfType<PostDetails>().Select(p => p.AuthorId).Distinct()
            .Select(id => _cache.Authors.GetAsync(id, _loadAuthor)));
        var authors = summaries.OfType<UserSummary>().ToDictionary(s => s.Id);
        var visible = await _grains.VisibleOwnersAsync(viewerId, authors.Values, await blocked);
        var likedFlags = await liked;
        return [.. posts.Select((p, i) => p is not null && authors.TryGetValue(p.AuthorId, out var author) && visible.Contains(author.Id)
            ? new PostView(p, author, likedFlags[i])
            : null)];
    }

    /// <summary>
    /// Whether an author's posts are hidden only for now (the account is suspended), so a cache that drops what no longer
    /// hydrates keeps them for when the suspension is lifted. Asked right after hydrating: a hit in the silo's cache.
    /// </summary>
    public async Task<bool> IsSuspendedAsync(long authorId) => (await _cache.Authors.GetAsync(authorId, _loadAuthor))?.IsSuspended == true;

    /// <summary>Whether a list (feed, hashtag page) shows a hydrated post: published, and not muted by the viewer.</summary>
    public static bool IsListed(PostView view, MutedWords muted, long viewerId) =>
        view.Post.Status == PostStatus.Published && !muted.HidesPost(view.Post, viewerId);

    /// <summary>
    /// The viewer's muted words, for the lists that hide what they match (feed, explore, reels, comments), read once
    /// per request from the silo's cache; the grid and a post's own page do not hide anything.
    /// </summary>
    public Task<MutedWords> MutedWordsAsync(long viewerId) =>
        _cache.MutedWords.GetAsync(viewerId, _loadMutedWords);
}
