using Instagram.Grains.Feed;

namespace Instagram.Grains.Abstractions;

/// <summary>
/// A read model of who published what, so a cold feed is built with one query instead of one grain activation (and
/// one storage read) per followed author. It keeps each author's newest posts (<see cref="FeedOptions.RebuildPostsPerAuthor"/>,
/// all a rebuild takes of one author) as one list, which the author's timeline grain replaces whenever they change,
/// before fanning a post out, so it never lags what fan-out has delivered. PostgreSQL on the Cluster profile, one
/// in-memory grain on the Embedded one.
/// </summary>
public interface IAuthorPostsIndex
{
    /// <summary>
    /// Replaces the author's list with <paramref name="newestFirst"/> (idempotent: the last call wins). The timeline grain
    /// makes one call at a time, so its lists land in order; only a write still in flight from an activation lost with its
    /// silo could land after its successor's, leaving the list stale until the author's next post or deletion.
    /// </summary>
    Task SetNewestAsync(long authorId, long[] newestFirst);

    /// <summary>
    /// The newest posts of <paramref name="authorIds"/>, at most <paramref name="perAuthor"/> each and
    /// <paramref name="limit"/> in all, newest first.
    /// </summary>
    Task<IReadOnlyList<AuthorPost>> NewestAsync(IReadOnlyCollection<long> authorIds, int perAuthor, int limit);
}
