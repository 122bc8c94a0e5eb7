namespace Instagram.Grains.Feed;

/// <summary>The Embedded profile's author-posts read model: one grain (key 0) every silo of the cluster shares.</summary>
[Alias("Instagram.Grains.Feed.IInMemoryAuthorPostsGrain")]
public interface IInMemoryAuthorPostsGrain : IGrainWithIntegerKey
{
    [Alias("SetNewestAsync")] Task SetNewestAsync(long authorId, long[] newestFirst);

    [Alias("NewestAsync")] Task<AuthorPost[]> NewestAsync(long[] authorIds, int perAuthor, int limit);
}
