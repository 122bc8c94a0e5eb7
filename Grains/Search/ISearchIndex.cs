namespace Instagram.Grains.Search;

/// <summary>
/// The search index: a read model of users, posts and hashtags, fed by the event streams and rebuildable from grain
/// state. Each profile registers one (PostgreSQL full text + pg_trgm in the Cluster profile, an in-memory index
/// kept in one grain in the Embedded profile); both behave the same.
/// </summary>
/// <remarks>
/// Writes are idempotent upserts and deletes keyed by user id and post id, so a redelivered event is harmless.
/// Queries filter by the <see cref="SearchViewer"/> (blocks either way, private accounts the viewer does not
/// follow); callers still re-check what they show against the grains, since the index may lag them briefly.
/// Posts whose author the index does not know yet count as private.
/// </remarks>
public interface ISearchIndex
{
    Task UpsertUsersAsync(IReadOnlyList<UserDocument> users, CancellationToken cancellationToken = default);

    /// <summary>Adds posts; a post already indexed is left as it is (published posts do not change).</summary>
    Task UpsertPostsAsync(IReadOnlyList<PostDocument> posts, CancellationToken cancellationToken = default);

    Task DeletePostsAsync(IReadOnlyList<long> postIds, CancellationToken cancellationToken = default);

    /// <summary>Candidates best first: match tier, then verified, then similarity.</summary>
    Task<IReadOnlyList<UserHit>> SearchUsersAsync(UserQuery query, CancellationToken cancellationToken = default);

    /// <summary>Tags with at least one post the viewer may see: match tier, then that count, best first.</summary>
    Task<IReadOnlyList<HashtagHit>> SearchHashtagsAsync(HashtagQuery query, CancellationToken cancellationToken = default);

    /// <summary>Ids of matching posts the viewer may see, newest first.</summary>
    Task<IReadOnlyList<long>> SearchPostsAsync(PostQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a rebuild: returns a stamp such that every entry written from now on (by the rebuild or by events) is
    /// newer. <see cref="CompleteRebuildAsync"/> then drops the entries older than it, the ones nobody re-wrote.
    /// </summary>
    Task<long> BeginRebuildAsync(CancellationToken cancellationToken = default);

    /// <summary>Drops entries written before <paramref name="startStamp"/> and recounts hashtags.</summary>
    Task CompleteRebuildAsync(long startStamp, CancellationToken cancellationToken = default);
}

/// <summary>Every user id there is, for the rebuild: the grain state table in the Cluster profile, a grain fed by user events in the Embedded one.</summary>
public interface IUserDirectory
{
    /// <summary>Told of every user event; a directory that reads the source of truth itself ignores it.</summary>
    Task OnUserSeenAsync(long userId);

    Task<IReadOnlyList<long>> GetAllUserIdsAsync(CancellationToken cancellationToken = default);
}
