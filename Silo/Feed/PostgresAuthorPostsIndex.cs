using Instagram.Grains.Abstractions;
using Instagram.Grains.Feed;
using Instagram.Grains.Feed.Timelines;
using Npgsql;
using Orleans.Configuration;

namespace Instagram.Silo.Feed;

/// <summary>
/// The author-posts read model in the cluster's PostgreSQL database (infra/sql/006-author-posts.sql): one row per
/// author with their newest post ids. A cold feed reads the rows of every followed author in one statement (one
/// primary-key lookup each) and merges them here, where the merge stops at the feed's size; the database neither
/// walks nor sorts every post those authors keep.
/// </summary>
public sealed class PostgresAuthorPostsIndex : IAuthorPostsIndex, IAsyncDisposable
{
    // Rebuilds are bounded per silo (FeedRebuildGate), so a few connections do; the Orleans providers share the server.
    private const int MaxPoolSize = 16;

    private const string SetSql = """
        INSERT INTO feed_author_newest_posts (scope, author_id, post_ids) VALUES (@scope, @author, @posts)
        ON CONFLICT (scope, author_id) DO UPDATE SET post_ids = EXCLUDED.post_ids
        """;

    private const string NewestSql = """
        SELECT author_id, post_ids[1:@count], coalesce(cardinality(post_ids), 0) FROM feed_author_newest_posts
        WHERE scope = @scope AND author_id = ANY(@authors)
        """;

    private readonly NpgsqlDataSource _database;
    private readonly string _scope;

    public PostgresAuthorPostsIndex(string connectionString, IOptions<ClusterOptions> cluster)
    {
        _database = Hosting.SmallPostgresPool.Create(connectionString, "instagram-feed", MaxPoolSize);
        _scope = cluster.Value.ServiceId;
    }

    public async Task SetNewestAsync(long authorId, long[] newestFirst)
    {
        await using var command = _database.CreateCommand(SetSql);
        command.Parameters.AddWithValue("scope", _scope);
        command.Parameters.AddWithValue("author", authorId);
        command.Parameters.AddWithValue("posts", newestFirst);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Reads a few of each author's newest ids first (<see cref="NewestPostsMerge.FirstRead"/>), merges, and reads the
    /// rest of a list only for the authors whose further posts could still be in the feed: the same result as reading
    /// every list whole, for a fraction of the ids (a feed following 500 authors needs about two of each; decoding 50
    /// of each was most of a cold read's time in the silo).
    /// </summary>
    public async Task<IReadOnlyList<AuthorPost>> NewestAsync(IReadOnlyCollection<long> authorIds, int perAuthor, int limit)
    {
        if (authorIds.Count == 0)
        {
            return [];
        }

        var first = NewestPostsMerge.FirstRead(authorIds.Count, perAuthor, limit);
        var lists = await ReadAsync(authorIds.ToArray(), first);
        var merged = NewestPostsMerge.Merge([.. lists.Select(l => (l.AuthorId, l.Read))], perAuthor, limit);
        var more = NewestPostsMerge.NeedingMore(lists, merged, perAuthor, limit);
        if (more.Length == 0)
        {
            return merged;
        }

        var whole = (await ReadAsync(more, perAuthor)).ToDictionary(l => l.AuthorId, l => l.Read);
        return NewestPostsMerge.Merge([.. lists.Select(l => (l.AuthorId, whole.GetValueOrDefault(l.AuthorId, l.Read)))], perAuthor, limit);
    }

    private async Task<List<(long AuthorId, long[] Read, int Available)>> ReadAsync(long[] authorIds, int count)
    {
        await using var command = _database.CreateCommand(NewestSql);
        command.Parameters.AddWithValue("scope", _scope);
        command.Parameters.AddWithValue("authors", authorIds);
        command.Parameters.AddWithValue("count", count);
        var lists = new List<(long, long[], int)>(authorIds.Length);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lists.Add((reader.GetInt64(0), reader.GetFieldValue<long[]>(1), reader.GetInt32(2)));
        }

        return lists;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
