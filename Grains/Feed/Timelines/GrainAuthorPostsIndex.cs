using Instagram.Grains.Abstractions;

namespace Instagram.Grains.Feed.Timelines;

/// <summary><see cref="IAuthorPostsIndex"/> over the shared in-memory grain.</summary>
public sealed class GrainAuthorPostsIndex(IGrainFactory grains) : IAuthorPostsIndex
{
    private IInMemoryAuthorPostsGrain Index => grains.GetGrain<IInMemoryAuthorPostsGrain>(0);

    public Task AddAsync(long authorId, IReadOnlyCollection<long> postIds) =>
        postIds.Count == 0 ? Task.CompletedTask : Index.AddAsync(authorId, [.. postIds]);

    public Task RemoveAsync(long authorId, long postId) => Index.RemoveAsync(authorId, postId);

    public async Task<IReadOnlyList<AuthorPost>> NewestAsync(IReadOnlyCollection<long> authorIds, int perAuthor, int limit) =>
        authorIds.Count == 0 ? [] : await Index.NewestAsync([.. authorIds], perAuthor, limit);
}
