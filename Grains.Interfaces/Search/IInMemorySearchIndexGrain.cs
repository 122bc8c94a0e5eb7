namespace Instagram.Grains.Search;

/// <summary>
/// The Embedded profile's search index: one activation (key 0) holding the whole index in memory, so every silo
/// of the cluster reads and writes the same copy. Mirrors the index seam (Instagram.Grains.Search.ISearchIndex).
/// </summary>
[Alias("Instagram.Grains.Search.IInMemorySearchIndexGrain")]
public interface IInMemorySearchIndexGrain : IGrainWithIntegerKey
{
    [Alias("UpsertUsersAsync")] Task UpsertUsersAsync(UserDocument[] users);

    [Alias("UpsertPostsAsync")] Task UpsertPostsAsync(PostDocument[] posts);

    [Alias("DeletePostsAsync")] Task DeletePostsAsync(long[] postIds);

    [Alias("SearchUsersAsync")] Task<UserHit[]> SearchUsersAsync(UserQuery query);

    [Alias("SearchHashtagsAsync")] Task<HashtagHit[]> SearchHashtagsAsync(HashtagQuery query);

    [Alias("SearchPostsAsync")] Task<long[]> SearchPostsAsync(PostQuery query);

    [Alias("BeginRebuildAsync")] Task<long> BeginRebuildAsync();

    [Alias("CompleteRebuildAsync")] Task CompleteRebuildAsync(long startStamp);
}

/// <summary>
/// The Embedded profile's list of every user id, fed by user events (key 0): the rebuild walks it. In the Cluster
/// profile the grain state table itself is the list.
/// </summary>
[Alias("Instagram.Grains.Search.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("AddAsync")] Task AddAsync(long userId);

    [Alias("GetAllAsync")] Task<long[]> GetAllAsync();
}
