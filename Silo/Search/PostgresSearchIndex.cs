using System.Text;
using System.Text.Json;
using Instagram.Grains.Search;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Instagram.Silo.Search;

/// <summary>
/// The Cluster profile's search index, in the cluster's PostgreSQL database (infra/sql/005-search.sql): captions
/// by English full-text search (<c>to_tsvector('english', caption)</c>, GIN), users and hashtags by prefix, pg_trgm
/// trigram similarity and at most one typo (fuzzystrmatch), places by a GiST point index and the haversine
/// distance. Every query is parameterised: user input never becomes SQL text, and FTS or LIKE metacharacters in it
/// are plain characters (plainto_tsquery, escaped LIKE patterns).
/// </summary>
/// <remarks>
/// Hashtag counts are kept per tag as the number of posts and the number of posts by public authors; a query adds
/// the viewer's own and followed private authors' posts and takes away blocked authors'. Writes that change a count
/// first lock the author's row, so a concurrent privacy change and post write cannot miscount. Writes from the
/// silo's indexer grains are group-committed (<see cref="WriteBatcher{T}"/>): one transaction per burst and kind,
/// written again item by item when it fails (<see cref="WriteEachOnFailureAsync{T}"/>).
/// </remarks>
public sealed partial class PostgresSearchIndex : ISearchIndex
{
    private const string LockAuthorsSql = """
        INSERT INTO search_users (scope, user_id, username, full_name, is_private, is_verified, known, stamp)
        SELECT @scope, a, '', '', true, false, false, nextval('search_stamp')
        FROM (SELECT DISTINCT unnest(@authors) AS a) AS authors ORDER BY a
        ON CONFLICT (scope, user_id) DO NOTHING;
        SELECT user_id FROM search_users WHERE scope = @scope AND user_id = ANY(@authors) ORDER BY user_id FOR SHARE;
        """;

    private const string InsertPostsSql = """
        WITH input AS (
            SELECT * FROM unnest(@ids, @authors, @captions, @tags, @lats, @lngs, @created)
                AS t(post_id, author_id, caption, tags, lat, lng, created_at)
            ORDER BY post_id),
        written AS (
            INSERT INTO search_posts AS p (scope, post_id, author_id, caption, hashtags, lat, lng, created_at, stamp)
            SELECT @scope, post_id, author_id, caption, ARRAY(SELECT jsonb_array_elements_text(tags::jsonb)), lat, lng, created_at,
                   nextval('search_stamp')
            FROM input
            ON CONFLICT (scope, post_id) DO UPDATE SET stamp = excluded.stamp
            RETURNING p.author_id, p.hashtags, (p.xmax = 0) AS inserted),
        counts AS (
            SELECT t.tag, count(*) AS total, count(*) FILTER (WHERE NOT u.is_private) AS public
            FROM written w
            JOIN search_users u ON u.scope = @scope AND u.user_id = w.author_id
            CROSS JOIN LATERAL unnest(w.hashtags) AS t(tag)
            WHERE w.inserted
            GROUP BY t.tag)
        INSERT INTO search_hashtags AS h (scope, tag, post_count, public_post_count)
        SELECT @scope, tag, total, public FROM counts ORDER BY tag
        ON CONFLICT (scope, tag) DO UPDATE
            SET post_count = h.post_count + excluded.post_count, public_post_count = h.public_post_count + excluded.public_post_count;
        """;

    private const string DeletePostsSql = """
        SELECT user_id FROM search_users
        WHERE scope = @scope AND user_id IN (SELECT author_id FROM search_posts WHERE scope = @scope AND post_id = ANY(@ids))
        ORDER BY user_id FOR SHARE;
        WITH gone AS (
            DELETE FROM search_posts WHERE scope = @scope AND post_id = ANY(@ids) RETURNING author_id, hashtags),
        counts AS (
            SELECT t.tag, count(*) AS total, count(*) FILTER (WHERE NOT coalesce(u.is_private, true)) AS public
            FROM gone g
            LEFT JOIN search_users u ON u.scope = @scope AND u.user_id = g.author_id
            CROSS JOIN LATERAL unnest(g.hashtags) AS t(tag)
            GROUP BY t.tag)
        UPDATE search_hashtags h SET post_count = h.post_count - c.total, public_post_count = h.public_post_count - c.public
        FROM counts c WHERE h.scope = @scope AND h.tag = c.tag;
        """;

    // A user whose privacy flips moves all their posts in or out of the public counts of their tags.
    private const string UpsertUsersSql = """
        INSERT INTO search_users (scope, user_id, username, full_name, is_private, is_verified, known, stamp)
        SELECT @scope, id, '', '', true, false, false, nextval('search_stamp') FROM unnest(@ids) AS id ORDER BY id
        ON CONFLICT (scope, user_id) DO NOTHING;
        SELECT user_id FROM search_users WHERE scope = @scope AND user_id = ANY(@ids) ORDER BY user_id FOR UPDATE;
        WITH input AS (
            SELECT * FROM unnest(@ids, @usernames, @names, @private, @verified) AS t(user_id, username, full_name, is_private, is_verified)),
        old AS (
            SELECT u.user_id, u.is_private FROM search_users u JOIN input i USING (user_id) WHERE u.scope = @scope),
        written AS (
            UPDATE search_users u
            SET username = i.username, full_name = i.full_name, is_private = i.is_private, is_verified = i.is_verified,
                known = true, stamp = nextval('search_stamp')
            FROM input i WHERE u.scope = @scope AND u.user_id = i.user_id
            RETURNING u.user_id, u.is_private),
        flips AS (
            SELECT w.user_id, CASE WHEN w.is_private THEN -1 ELSE 1 END AS delta
            FROM written w JOIN old o USING (user_id) WHERE o.is_private <> w.is_private),
        deltas AS (
            SELECT t.tag, sum(f.delta) AS delta
            FROM flips f
            JOIN search_posts p ON p.scope = @scope AND p.author_id = f.user_id
            CROSS JOIN LATERAL unnest(p.hashtags) AS t(tag)
            GROUP BY t.tag)
        UPDATE search_hashtags h SET public_post_count = h.public_post_count + d.delta
        FROM deltas d WHERE h.scope = @scope AND h.tag = d.tag;
        """;

    private const string UserTierSql = """
        CASE WHEN u.username = @q THEN 4
             WHEN u.username LIKE @prefix THEN 3
             WHEN u.full_name LIKE @prefix OR u.full_name LIKE @wordPrefix THEN 2
             ELSE 1 END
        """;

    private const string ShortUserSearchSql = $"""
        SELECT u.user_id, u.is_verified, {UserTierSql} AS tier,
               greatest(similarity(u.username, @q), similarity(u.full_name, @q)) AS sim
        FROM search_users u
        WHERE u.scope = @scope AND u.known AND NOT (u.user_id = ANY(@excluded))
          AND (u.username LIKE @prefix OR u.full_name LIKE @prefix)
        ORDER BY tier DESC, u.is_verified DESC, sim DESC, u.username COLLATE "C"
        LIMIT @limit
        """;

    // Each OR arm can use an index: the username and full-name b-trees (prefix), the pg_trgm GIN indexes (similar,
    // word prefix), and for "one typo" the b-tree on the username (its first half is intact) or on the reversed
    // username (its second half is), with levenshtein_less_equal deciding.
    private const string UserSearchSql = $"""
        SELECT u.user_id, u.is_verified, {UserTierSql} AS tier,
               greatest(similarity(u.username, @q), similarity(u.full_name, @q)) AS sim
        FROM search_users u
        WHERE u.scope = @scope AND u.known AND NOT (u.user_id = ANY(@excluded))
          AND (u.username LIKE @prefix
               OR u.full_name LIKE @prefix
               OR u.full_name LIKE @wordPrefix
               OR u.username % @q
               OR u.full_name % @q
               OR (u.username LIKE @head AND length(u.username) BETWEEN @minLength AND @maxLength
                   AND levenshtein_less_equal(u.username, @q, 1) <= 1)
               OR (reverse(u.username) LIKE @reversedTail AND length(u.username) BETWEEN @minLength AND @maxLength
                   AND levenshtein_less_equal(u.username, @q, 1) <= 1))
        ORDER BY tier DESC, u.is_verified DESC, sim DESC, u.username COLLATE "C"
        LIMIT @limit
        """;

    private const string ShortTagMatchSql = "h.tag LIKE @prefix";

    private const string TagMatchSql = """
        (h.tag LIKE @prefix
         OR h.tag % @q
         OR (h.tag LIKE @head AND length(h.tag) BETWEEN @minLength AND @maxLength AND levenshtein_less_equal(h.tag, @q, 1) <= 1)
         OR (reverse(h.tag) LIKE @reversedTail AND length(h.tag) BETWEEN @minLength AND @maxLength
             AND levenshtein_less_equal(h.tag, @q, 1) <= 1))
        """;

    // Candidates by match and overall size, then what this viewer may see of each: the public count, plus posts of
    // private authors the viewer may see (themself, those they follow), minus public posts of blocked authors.
    private const string TagSearchSqlTemplate = """
        WITH candidates AS (
            SELECT h.tag, h.public_post_count,
                   CASE WHEN h.tag = @q THEN 4 WHEN h.tag LIKE @prefix THEN 3 ELSE 1 END AS tier
            FROM search_hashtags h
            WHERE h.scope = @scope AND h.post_count > 0 AND {match}
            ORDER BY tier DESC, h.post_count DESC, h.tag COLLATE "C"
            LIMIT @pool),
        private_visible AS (
            SELECT u.user_id FROM search_users u
            WHERE u.scope = @scope AND u.is_private AND u.user_id = ANY(@visiblePrivate) AND NOT (u.user_id = ANY(@excluded))),
        blocked_public AS (
            SELECT u.user_id FROM search_users u
            WHERE u.scope = @scope AND NOT u.is_private AND u.user_id = ANY(@excluded)),
        plus AS (
            SELECT t.tag, count(*) AS n
            FROM search_posts p CROSS JOIN LATERAL unnest(p.hashtags) AS t(tag)
            WHERE p.scope = @scope AND p.author_id IN (SELECT user_id FROM private_visible)
              AND t.tag IN (SELECT tag FROM candidates)
            GROUP BY t.tag),
        minus AS (
            SELECT t.tag, count(*) AS n
            FROM search_posts p CROSS JOIN LATERAL unnest(p.hashtags) AS t(tag)
            WHERE p.scope = @scope AND p.author_id IN (SELECT user_id FROM blocked_public)
              AND t.tag IN (SELECT tag FROM candidates)
            GROUP BY t.tag),
        counted AS (
            SELECT c.tag, c.tier, c.public_post_count + coalesce(pl.n, 0) - coalesce(mi.n, 0) AS visible
            FROM candidates c LEFT JOIN plus pl USING (tag) LEFT JOIN minus mi USING (tag))
        SELECT tag, tier, visible FROM counted
        WHERE visible > 0
        ORDER BY tier DESC, visible DESC, tag COLLATE "C"
        LIMIT @limit
        """;

    private static readonly string ShortTagSearchSql = TagSearchSqlTemplate.Replace("{match}", ShortTagMatchSql, StringComparison.Ordinal);
    private static readonly string TagSearchSql = TagSearchSqlTemplate.Replace("{match}", TagMatchSql, StringComparison.Ordinal);

    // The privacy rule, the same as everywhere: never an author blocked either way; a private (or not yet known)
    // author only for themself and their followers.
    private const string PostVisibleSql = """
        (p.author_id = @viewer
         OR (NOT (p.author_id = ANY(@excluded)) AND (NOT coalesce(u.is_private, true) OR p.author_id = ANY(@following))))
        """;

    private const string PostDistanceSql = """
        2 * @earthRadius * asin(least(1, sqrt(
            power(sin(radians(p.lat - @lat) / 2), 2)
            + cos(radians(@lat)) * cos(radians(p.lat)) * power(sin(radians(p.lng - @lng) / 2), 2))))
        """;

    private const string CompleteRebuildSql = """
        LOCK TABLE search_users, search_posts, search_hashtags IN SHARE ROW EXCLUSIVE MODE;
        DELETE FROM search_posts WHERE scope = @scope AND stamp < @start;
        DELETE FROM search_users WHERE scope = @scope AND stamp < @start;
        WITH fresh AS (
            SELECT t.tag, count(*) AS total, count(*) FILTER (WHERE NOT coalesce(u.is_private, true)) AS public
            FROM search_posts p
            LEFT JOIN search_users u ON u.scope = p.scope AND u.user_id = p.author_id
            CROSS JOIN LATERAL unnest(p.hashtags) AS t(tag)
            WHERE p.scope = @scope
            GROUP BY t.tag),
        upserted AS (
            INSERT INTO search_hashtags AS h (scope, tag, post_count, public_post_count)
            SELECT @scope, tag, total, public FROM fresh
            ON CONFLICT (scope, tag) DO UPDATE SET post_count = excluded.post_count, public_post_count = excluded.public_post_count)
        DELETE FROM search_hashtags h WHERE h.scope = @scope AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.tag = h.tag);
        """;

    private readonly SearchDatabase _database;
    private readonly WriteBatcher<UserDocument> _users;
    private readonly WriteBatcher<PostDocument> _posts;
    private readonly WriteBatcher<long> _deletes;
    private readonly ILogger<PostgresSearchIndex> _logger;

    public PostgresSearchIndex(SearchDatabase database, ILogger<PostgresSearchIndex> logger)
    {
        _database = database;
        _logger = logger;
        _users = new(WriteUsersAsync);
        _posts = new(WritePostsAsync);
        _deletes = new(WriteDeletesAsync);
    }

    public Task UpsertUsersAsync(IReadOnlyList<UserDocument> users, CancellationToken cancellationToken = default) => _users.SubmitAsync(users);

    public Task UpsertPostsAsync(IReadOnlyList<PostDocument> posts, CancellationToken cancellationToken = default) => _posts.SubmitAsync(posts);

    public Task DeletePostsAsync(IReadOnlyList<long> postIds, CancellationToken cancellationToken = default) => _deletes.SubmitAsync(postIds);

    // The last submission for a user wins: it read the user grain last.
    private Task WriteUsersAsync(IReadOnlyList<UserDocument> users) =>
        WriteEachOnFailureAsync(
            users.GroupBy(u => u.UserId).Select(g => g.Last()).OrderBy(u => u.UserId).ToArray(), WriteUserBatchAsync, u => u.UserId, "user");

    private Task WriteUserBatchAsync(UserDocument[] batch)
    {
        var cancellationToken = CancellationToken.None;
        return batch.Length == 0 ? Task.CompletedTask : _database.InTransactionAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(UpsertUsersSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string>("scope", _database.Scope));
            command.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. batch.Select(u => u.UserId)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("usernames", [.. batch.Select(u => u.Username.ToLowerInvariant())]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("names", [.. batch.Select(u => u.FullName.ToLowerInvariant())]));
            command.Parameters.Add(new NpgsqlParameter<bool[]>("private", [.. batch.Select(u => u.IsPrivate)]));
            command.Parameters.Add(new NpgsqlParameter<bool[]>("verified", [.. batch.Select(u => u.IsVerified)]));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    private Task WritePostsAsync(IReadOnlyList<PostDocument> posts) =>
        WriteEachOnFailureAsync(posts.DistinctBy(p => p.PostId).OrderBy(p => p.PostId).ToArray(), WritePostBatchAsync, p => p.PostId, "post");

    private Task WritePostBatchAsync(PostDocument[] batch)
    {
        var cancellationToken = CancellationToken.None;
        return batch.Length == 0 ? Task.CompletedTask : _database.InTransactionAsync(async (connection, transaction) =>
        {
            var authors = batch.Select(p => p.AuthorId).Distinct().Order().ToArray();
            await using (var lockAuthors = new NpgsqlCommand(LockAuthorsSql, connection, transaction))
            {
                lockAuthors.Parameters.Add(new NpgsqlParameter<string>("scope", _database.Scope));
                lockAuthors.Parameters.Add(new NpgsqlParameter<long[]>("authors", authors));
                await lockAuthors.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var insert = new NpgsqlCommand(InsertPostsSql, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<string>("scope", _database.Scope));
            insert.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. batch.Select(p => p.PostId)]));
            insert.Parameters.Add(new NpgsqlParameter<long[]>("authors", [.. batch.Select(p => p.AuthorId)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("captions", [.. batch.Select(p => p.Caption)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("tags", [.. batch.Select(p => JsonSerializer.Serialize(p.Hashtags.Select(t => t.ToLowerInvariant())))]));
            insert.Parameters.Add(new NpgsqlParameter<double?[]>("lats", [.. batch.Select(p => p.Lat)]));
            insert.Parameters.Add(new NpgsqlParameter<double?[]>("lngs", [.. batch.Select(p => p.Lng)]));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("created", [.. batch.Select(p => p.CreatedAt.ToUniversalTime())]));
            return await insert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Writes a batch in one transaction; when PostgreSQL refuses it for anything but a transient conflict (those
    /// <see cref="SearchDatabase"/> already retried), writes its items one by one, so one bad document (a NUL in a
    /// caption) does not keep other users' documents out of the index. An item refused alone with a data exception
    /// (SQLSTATE class 22) is logged and dropped: it will never go in, and failing its callers would only have the
    /// stream deliver the event again, forever. Any other failure is the database's, not the item's, and goes back
    /// to the callers so their events are delivered again.
    /// </summary>
    private async Task WriteEachOnFailureAsync<T>(T[] batch, Func<T[], Task> write, Func<T, long> idOf, string kind)
    {
        if (batch.Length == 0)
        {
            return;
        }

        try
        {
            await write(batch);
            return;
        }
        catch (PostgresException ex) when (batch.Length > 1 && !IsTransient(ex))
        {
            LogBatchRefused(kind, batch.Length, ex.SqlState);
        }
        catch (PostgresException ex) when (IsDataError(ex))
        {
            LogItemDropped(kind, idOf(batch[0]), ex.SqlState, ex.MessageText);
            return;
        }

        foreach (var item in batch)
        {
            try
            {
                await write([item]);
            }
            catch (PostgresException ex) when (IsDataError(ex))
            {
                LogItemDropped(kind, idOf(item), ex.SqlState, ex.MessageText);
            }
        }
    }

    private static bool IsTransient(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    private static bool IsDataError(PostgresException ex) => ex.SqlState.StartsWith("22", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL refused a batch of {Count} search {Kind} documents ({SqlState}); writing them one by one")]
    private partial void LogBatchRefused(string kind, int count, string sqlState);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search {Kind} document {Id} was dropped: PostgreSQL refuses its data ({SqlState}: {Reason})")]
    private partial void LogItemDropped(string kind, long id, string sqlState, string reason);

    private Task WriteDeletesAsync(IReadOnlyList<long> postIds)
    {
        var ids = postIds.Distinct().Order().ToArray();
        var cancellationToken = CancellationToken.None;
        return ids.Length == 0 ? Task.CompletedTask : _database.InTransactionAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(DeletePostsSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string>("scope", _database.Scope));
            command.Parameters.Add(new NpgsqlParameter<long[]>("ids", ids));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<UserHit>> SearchUsersAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Query.Length == 0)
        {
            return [];
        }

        await using var command = MatchCommand(query.Query, UserSearchSql, ShortUserSearchSql, query.Viewer.Excluded);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", query.Limit));
        var hits = new List<UserHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new UserHit(reader.GetInt64(0), reader.GetInt32(2), reader.GetBoolean(1), reader.GetFloat(3)));
        }

        return hits;
    }

    public async Task<IReadOnlyList<HashtagHit>> SearchHashtagsAsync(HashtagQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Query.Length == 0)
        {
            return [];
        }

        await using var command = MatchCommand(query.Query, TagSearchSql, ShortTagSearchSql, query.Viewer.Excluded);
        command.Parameters.Add(new NpgsqlParameter<long[]>("visiblePrivate", [.. query.Viewer.Following, query.Viewer.ViewerId]));
        command.Parameters.Add(new NpgsqlParameter<int>("pool", (query.Limit * 2) + 20));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", query.Limit));
        var hits = new List<HashtagHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new HashtagHit(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
        }

        return hits;
    }

    public async Task<IReadOnlyList<long>> SearchPostsAsync(PostQuery query, CancellationToken cancellationToken = default)
    {
        // The statement is assembled from the constant fragments of the criteria present (so each shape gets its
        // own plan); every value still travels as a parameter.
        var sql = new StringBuilder("""
            SELECT p.post_id FROM search_posts p
            LEFT JOIN search_users u ON u.scope = p.scope AND u.user_id = p.author_id
            WHERE p.scope = @scope
            """);
        await using var command = _database.DataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter<string>("scope", _database.Scope));
        if (query.Text is { } text)
        {
            sql.Append("\nAND p.caption_tsv @@ plainto_tsquery('english', @text)");
            command.Parameters.Add(new NpgsqlParameter<string>("text", text));
        }

        if (query.Hashtag is { } tag)
        {
            sql.Append("\nAND p.hashtags @> ARRAY[@tag]");
            command.Parameters.Add(new NpgsqlParameter<string>("tag", tag.ToLowerInvariant()));
        }

        if (query.Place is { } place)
        {
            var (minLat, maxLat, minLng, maxLng) = GeoMath.BoundingBox(place);
            sql.Append("\nAND point(p.lng, p.lat) <@ box(point(@minLng, @minLat), point(@maxLng, @maxLat))");
            sql.Append("\nAND ").Append(PostDistanceSql).Append(" <= @radius");
            command.Parameters.Add(new NpgsqlParameter<double>("minLat", minLat));
            command.Parameters.Add(new NpgsqlParameter<double>("maxLat", maxLat));
            command.Parameters.Add(new NpgsqlParameter<double>("minLng", minLng));
            command.Parameters.Add(new NpgsqlParameter<double>("maxLng", maxLng));
            command.Parameters.Add(new NpgsqlParameter<double>("lat", place.Lat));
            command.Parameters.Add(new NpgsqlParameter<double>("lng", place.Lng));
            command.Parameters.Add(new NpgsqlParameter<double>("radius", place.RadiusKm));
            command.Parameters.Add(new NpgsqlParameter<double>("earthRadius", GeoMath.EarthRadiusKm));
        }

        if (query.Before is { } before)
        {
            sql.Append("\nAND p.post_id < @before");
            command.Parameters.Add(new NpgsqlParameter<long>("before", before));
        }

        sql.Append("\nAND ").Append(PostVisibleSql).Append("\nORDER BY p.post_id DESC LIMIT @limit");
        command.Parameters.Add(new NpgsqlParameter<long>("viewer", query.Viewer.ViewerId));
        command.Parameters.Add(new NpgsqlParameter<long[]>("excluded", query.Viewer.Excluded));
        command.Parameters.Add(new NpgsqlParameter<long[]>("following", query.Viewer.Following));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", query.Limit));
        command.CommandText = sql.ToString();

        var ids = new List<long>(query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    // A name search: typo tolerant from SearchText.MinFuzzyLength characters on, prefix only below that.
    private NpgsqlCommand MatchCommand(string query, string fuzzySql, string shortSql, long[] excluded)
    {
        var fuzzy = query.Length >= SearchText.MinFuzzyLength;
        var command = _database.DataSource.CreateCommand(fuzzy ? fuzzySql : shortSql);
        AddMatchParameters(command, query, fuzzy);
        command.Parameters.Add(new NpgsqlParameter<long[]>("excluded", excluded));
        return command;
    }

    public async Task<long> BeginRebuildAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _database.DataSource.CreateCommand("SELECT nextval('search_stamp')");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task CompleteRebuildAsync(long startStamp, CancellationToken cancellationToken = default) =>
        _database.InTransactionAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(CompleteRebuildSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string>("scope", _database.Scope));
            command.Parameters.Add(new NpgsqlParameter<long>("start", startStamp));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    // @q, and the LIKE patterns derived from it with its own %, _ and \ escaped: a prefix, a word prefix, and for
    // "one typo" the first half of the query as a prefix and the reversed second half as a prefix of the reversed value.
    private void AddMatchParameters(NpgsqlCommand command, string q, bool fuzzy)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("scope", _database.Scope));
        command.Parameters.Add(new NpgsqlParameter<string>("q", q));
        command.Parameters.Add(new NpgsqlParameter<string>("prefix", EscapeLike(q) + "%"));
        command.Parameters.Add(new NpgsqlParameter<string>("wordPrefix", "% " + EscapeLike(q) + "%"));
        if (fuzzy)
        {
            var half = (q.Length + 1) / 2;
            var reversedTail = new string(q[half..].Reverse().ToArray());
            command.Parameters.Add(new NpgsqlParameter<string>("head", EscapeLike(q[..half]) + "%"));
            command.Parameters.Add(new NpgsqlParameter<string>("reversedTail", EscapeLike(reversedTail) + "%"));
            command.Parameters.Add(new NpgsqlParameter<int>("minLength", q.Length - 1));
            command.Parameters.Add(new NpgsqlParameter<int>("maxLength", q.Length + 1));
        }
    }

    public static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
