namespace Instagram.Grains.Posts;

/// <summary>One silo's cache of hydrated posts, as an observer the other silos can reach.</summary>
[Alias("Instagram.Grains.Posts.ISiloPostCache")]
public interface ISiloPostCache : IGrainObserver
{
    [Alias("ForgetAsync")] Task ForgetAsync(long postId);
}
