using Instagram.Grains.Abstractions;
using Instagram.Grains.Feed;
using Npgsql;
using Orleans.Configuration;

namespace Instagram.Silo.Feed;

/// <summary>
/// The author-posts read model in the cluster's PostgreSQL database (infra/sql/006-author-posts.sql). The newest
/// posts of many authors come from one statement: a LATERAL backward scan of the primary key per author, each cut at
/// the per-author cap, merged and cut at the feed's size.
/// </summary>
public sealed class PostgresAuthorPostsIndex : IAuthorPostsIndex, IAsyncDisposable
{
    // Rebuilds are bounded per silo (FeedRebuildGate), so a few connections do; the Orleans providers share the server.
    private const int MaxPoolSize = 16;

    private const string AddSql = """
        INSERT INTO feed_author_posts (scope, author_id, post_id)
        SELECT @scope, @author, unnest(@posts) ON CONFLICT DO NOTHING
        """;

    private const string RemoveSql = "DELETE FROM feed_author_posts WHERE scope = @scope AND author_id = @author AND post_id = @post";

    private const string NewestSql = """
        SELECT p.post_id, p.author_id
        FROM unnest(@authors) AS a(author_id)
        CROSS JOIN LATERAL (
            SELECT post_id, author_id FROM feed_author_posts
            WHERE scope = @scope AND author_id = a.author_id
            ORDER BY post_id DESC
            LIMIT @perAuthor) AS p
        ORDER BY p.post_id DESC
        LIMIT @limit
        """;

    private readonly NpgsqlDataSource _database;
    private readonly string _scope;

    public PostgresAuthorPostsIndex(string connectionString, IOptions<ClusterOptions> cluster)
    {
        _database = Hosting.SmallPostgresPool.Create(connectionString, "instagram-feed", MaxPoolSize);
        _scope = cluster.Value.ServiceId;
    }

    public async Task AddAsync(long authorId, IReadOnlyCollection<long> postIds)
    {
        if (postIds.Count == 0)
        {
            return;
        }

        await using var command = _database.CreateCommand(AddSql);
        command.Parameters.AddWithValue("scope", _scope);
        command.Parameters.AddWithValue("author", authorId);
        command.Parameters.AddWithValue("posts", postIds.ToArray());
        await command.ExecuteNonQueryAsync();
    }

    public async Task RemoveAsync(long authorId, long postId)
    {
        await using var command = _database.CreateCommand(RemoveSql);
        command.Parameters.AddWithValue("scope", _scope);
        command.Parameters.AddWithValue("author", authorId);
        command.Parameters.AddWithValue("post", postId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<AuthorPost>> NewestAsync(IReadOnlyCollection<long> authorIds, int perAuthor, int limit)
    {
        if (authorIds.Count == 0)
        {
            return [];
        }

        await using var command = _database.CreateCommand(NewestSql);
        command.Parameters.AddWithValue("scope", _scope);
        command.Parameters.AddWithValue("authors", authorIds.ToArray());
        command.Parameters.AddWithValue("perAuthor", perAuthor);
        command.Parameters.AddWithValue("limit", limit);
        var newest = new List<AuthorPost>(Math.Min(limit, authorIds.Count * perAuthor));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            newest.Add(new AuthorPost(reader.GetInt64(0), reader.GetInt64(1)));
        }

        return newest;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
