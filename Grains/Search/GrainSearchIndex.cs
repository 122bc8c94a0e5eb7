namespace Instagram.Grains.Search;

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
