namespace Instagram.Grains.Posts;

/// <summary>
/// Every silo's post cache (use key 0), so that a deleted post leaves all of them at once instead of when each copy
/// expires. Silos sign in at start and again every <c>PostCaches.RenewEvery</c>; one that stops renewing is dropped.
/// </summary>
[Alias("Instagram.Grains.Posts.IPostCachesGrain")]
public interface IPostCachesGrain : IGrainWithIntegerKey
{
    [Alias("RegisterAsync")] Task RegisterAsync(ISiloPostCache cache);

    /// <summary>Evicts the post from every registered silo's cache; returns once each has answered or failed.</summary>
    [Alias("ForgetEverywhereAsync")] Task ForgetEverywhereAsync(long postId);
}
