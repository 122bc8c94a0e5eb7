using Instagram.Grains.Abstractions;

namespace Instagram.Grains.Feed.Timelines;

/// <summary><see cref="IAuthorPostsIndex"/> over the shared in-memory grain.</summary>
public sealed class GrainAuthorPostsIndex(IGrainFactory grains) : IAuthorPostsIndex
{
    private IInMemoryAuthorPostsGrain Index => grains.GetGrain<IInMemoryAuthorPostsGrain>(0);

    public Task SetNewestAsync(long authorId, long[] newestFirst) => Index.SetNewestAsync(authorId, newestFirst);

    public async Task<IReadOnlyList<AuthorPost>> NewestAsync(IReadOnlyCollection<long> authorIds, int perAuthor, int limit) =>
        authorIds.Count == 0 ? [] : await Index.NewestAsync([.. authorIds], perAuthor, limit);
}
