namespace Instagram.Grains.Search;

/// <summary>
/// The Embedded profile's index: one activation for the whole cluster, so with several silos (the test cluster has
/// two) every silo reads and writes the same copy; a per-silo singleton would split the index. Never collected when
/// idle. If its silo goes away the copy goes with it (the Embedded profile keeps nothing durable); a rebuild
/// (<see cref="ISearchIndexAdminGrain.RebuildAsync"/>) refills it from the grains. Every call is synchronous work
/// on memory, so one turn at a time costs nothing.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class InMemorySearchIndexGrain : Grain, IInMemorySearchIndexGrain
{
    private readonly InMemorySearchIndex _index = new();

    public Task UpsertUsersAsync(UserDocument[] users)
    {
        foreach (var user in users)
        {
            _index.UpsertUser(user);
        }

        return Task.CompletedTask;
    }

    public Task UpsertPostsAsync(PostDocument[] posts)
    {
        foreach (var post in posts)
        {
            _index.UpsertPost(post);
        }

        return Task.CompletedTask;
    }

    public Task DeletePostsAsync(long[] postIds)
    {
        foreach (var postId in postIds)
        {
            _index.DeletePost(postId);
        }

        return Task.CompletedTask;
    }

    public Task<UserHit[]> SearchUsersAsync(UserQuery query) => Task.FromResult(_index.SearchUsers(query));

    public Task<HashtagHit[]> SearchHashtagsAsync(HashtagQuery query) => Task.FromResult(_index.SearchHashtags(query));

    public Task<long[]> SearchPostsAsync(PostQuery query) => Task.FromResult(_index.SearchPosts(query));

    public Task<long> BeginRebuildAsync() => Task.FromResult(_index.BeginRebuild());

    public Task CompleteRebuildAsync(long startStamp)
    {
        _index.CompleteRebuild(startStamp);
        return Task.CompletedTask;
    }
}
