using Instagram.Grains.Feed;

namespace Instagram.Grains.Abstractions;

/// <summary>
/// A read model of who published what, so a cold feed is built with one query instead of one grain activation (and
/// one storage read) per followed author. The author's timeline grain writes to it before fanning a post out, so it
/// never lags what fan-out has delivered. PostgreSQL on the Cluster profile, one in-memory grain on the Embedded one.
/// </summary>
public interface IAuthorPostsIndex
{
    Task AddAsync(long authorId, IReadOnlyCollection<long> postIds);

    Task RemoveAsync(long authorId, long postId);

    /// <summary>
    /// The newest posts of <paramref name="authorIds"/>, at most <paramref name="perAuthor"/> each and
    /// <paramref name="limit"/> in all, newest first.
    /// </summary>
    Task<IReadOnlyList<AuthorPost>> NewestAsync(IReadOnlyCollection<long> authorIds, int perAuthor, int limit);
}
