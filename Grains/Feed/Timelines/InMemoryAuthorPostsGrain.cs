namespace Instagram.Grains.Feed.Timelines;

/// <summary>
/// The newest posts of every author, in memory (the Embedded profile keeps all state in memory anyway). Each author
/// keeps at most <see cref="PerAuthor"/> ids, more than a rebuild ever asks for. Reentrant: every call finishes
/// without awaiting, so calls never interleave inside one another. Never collected: its memory is the read model.
/// </summary>
[Reentrant]
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class InMemoryAuthorPostsGrain : Grain, IInMemoryAuthorPostsGrain
{
    private const int PerAuthor = 1_000;

    private readonly Dictionary<long, SortedSet<long>> _posts = [];

    public Task AddAsync(long authorId, long[] postIds)
    {
        if (!_posts.TryGetValue(authorId, out var posts))
        {
            _posts[authorId] = posts = [];
        }

        posts.UnionWith(postIds);
        while (posts.Count > PerAuthor)
        {
            posts.Remove(posts.Min);
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(long authorId, long postId)
    {
        if (_posts.TryGetValue(authorId, out var posts))
        {
            posts.Remove(postId);
        }

        return Task.CompletedTask;
    }

    public Task<AuthorPost[]> NewestAsync(long[] authorIds, int perAuthor, int limit)
    {
        var newest = new List<AuthorPost>();
        foreach (var authorId in authorIds.Distinct())
        {
            if (_posts.TryGetValue(authorId, out var posts))
            {
                newest.AddRange(posts.Reverse().Take(perAuthor).Select(postId => new AuthorPost(postId, authorId)));
            }
        }

        return Task.FromResult(newest.OrderByDescending(p => p.PostId).Take(limit).ToArray());
    }
}
