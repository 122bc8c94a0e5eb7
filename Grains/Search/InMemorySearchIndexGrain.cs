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

/// <summary>The Embedded profile's <see cref="ISearchIndex"/>: every call goes to the one <see cref="IInMemorySearchIndexGrain"/>.</summary>
public sealed class GrainSearchIndex(IGrainFactory grains) : ISearchIndex
{
    private IInMemorySearchIndexGrain Index => grains.GetGrain<IInMemorySearchIndexGrain>(0);

    public Task UpsertUsersAsync(IReadOnlyList<UserDocument> users, CancellationToken cancellationToken = default) =>
        users.Count == 0 ? Task.CompletedTask : Index.UpsertUsersAsync([.. users]);

    public Task UpsertPostsAsync(IReadOnlyList<PostDocument> posts, CancellationToken cancellationToken = default) =>
        posts.Count == 0 ? Task.CompletedTask : Index.UpsertPostsAsync([.. posts]);

    public Task DeletePostsAsync(IReadOnlyList<long> postIds, CancellationToken cancellationToken = default) =>
        postIds.Count == 0 ? Task.CompletedTask : Index.DeletePostsAsync([.. postIds]);

    public async Task<IReadOnlyList<UserHit>> SearchUsersAsync(UserQuery query, CancellationToken cancellationToken = default) =>
        await Index.SearchUsersAsync(query);

    public async Task<IReadOnlyList<HashtagHit>> SearchHashtagsAsync(HashtagQuery query, CancellationToken cancellationToken = default) =>
        await Index.SearchHashtagsAsync(query);

    public async Task<IReadOnlyList<long>> SearchPostsAsync(PostQuery query, CancellationToken cancellationToken = default) =>
        await Index.SearchPostsAsync(query);

    public Task<long> BeginRebuildAsync(CancellationToken cancellationToken = default) => Index.BeginRebuildAsync();

    public Task CompleteRebuildAsync(long startStamp, CancellationToken cancellationToken = default) => Index.CompleteRebuildAsync(startStamp);
}

/// <summary>The Embedded profile's user list: user ids as user events report them, in one never-collected grain.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class UserDirectoryGrain : Grain, IUserDirectoryGrain
{
    private readonly HashSet<long> _userIds = [];

    public Task AddAsync(long userId)
    {
        _userIds.Add(userId);
        return Task.CompletedTask;
    }

    public Task<long[]> GetAllAsync() => Task.FromResult(_userIds.Order().ToArray());
}

/// <summary>The Embedded profile's <see cref="IUserDirectory"/>.</summary>
public sealed class GrainUserDirectory(IGrainFactory grains) : IUserDirectory
{
    public Task OnUserSeenAsync(long userId) => grains.GetGrain<IUserDirectoryGrain>(0).AddAsync(userId);

    public async Task<IReadOnlyList<long>> GetAllUserIdsAsync(CancellationToken cancellationToken = default) =>
        await grains.GetGrain<IUserDirectoryGrain>(0).GetAllAsync();
}
