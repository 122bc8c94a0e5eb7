namespace Instagram.Grains.Feed.Timelines;

/// <summary>
/// Each author's newest posts, in memory (the Embedded profile keeps all state in memory anyway), as the author's
/// timeline last set them. Reentrant: every call finishes without awaiting, so calls never interleave inside one
/// another. Never collected: its memory is the read model.
/// </summary>
[Reentrant]
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class InMemoryAuthorPostsGrain : Grain, IInMemoryAuthorPostsGrain
{
    private readonly Dictionary<long, long[]> _newest = [];

    public Task SetNewestAsync(long authorId, long[] newestFirst)
    {
        _newest[authorId] = newestFirst;
        return Task.CompletedTask;
    }

    public Task<AuthorPost[]> NewestAsync(long[] authorIds, int perAuthor, int limit)
    {
        var lists = new List<(long, long[])>(authorIds.Length);
        foreach (var authorId in authorIds.Distinct())
        {
            if (_newest.TryGetValue(authorId, out var posts))
            {
                lists.Add((authorId, posts));
            }
        }

        return Task.FromResult(NewestPostsMerge.Merge(lists, perAuthor, limit).ToArray());
    }
}
