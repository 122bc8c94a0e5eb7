using Npgsql;

namespace Instagram.LoadTest.Systems;

/// <summary>
/// The database half of the seeds' design on a Cluster-profile run: the seeds keep posts and the follow graph in a
/// database and only the feeds in Redis, so the baseline stores each post and each follow durably first (one INSERT
/// each, in the same PostgreSQL ours uses, ordinary logged tables) and pays for durability as ours does. Tables are
/// per run and dropped at the end.
/// </summary>
public sealed class BaselineDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly string _posts;
    private readonly string _follows;

    private BaselineDatabase(NpgsqlDataSource database, string tag)
    {
        _database = database;
        _posts = $"lt_{tag}_posts";
        _follows = $"lt_{tag}_follows";
    }

    /// <summary>On Cluster-profile runs (where <c>ConnectionStrings__Postgres</c> is set); null otherwise.</summary>
    public static async Task<BaselineDatabase?> ConnectAsync(RunOptions options)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        if (options.Target != TargetKind.Cluster || string.IsNullOrEmpty(connectionString))
        {
            return null;
        }

        var database = new BaselineDatabase(NpgsqlDataSource.Create(Instagram.Silo.Hosting.PostgresConnectionTuning.Apply(connectionString)) /* as ours */, RunTag.Value);
        await database.ExecuteAsync($"""
            CREATE TABLE {database._posts} (id bigint PRIMARY KEY, author_id bigint NOT NULL, caption text NOT NULL, media text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE {database._follows} (follower_id bigint NOT NULL, followee_id bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (follower_id, followee_id));
            """);
        return database;
    }

    public async Task InsertPostAsync(long postId, long authorId, string caption, string media, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand($"INSERT INTO {_posts} (id, author_id, caption, media) VALUES ($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = postId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = authorId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caption });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = media });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task InsertFollowAsync(long followerId, long followeeId, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand($"INSERT INTO {_follows} (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = followerId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = followeeId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteFollowAsync(long followerId, long followeeId, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand($"DELETE FROM {_follows} WHERE follower_id = $1 AND followee_id = $2");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = followerId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = followeeId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync($"DROP TABLE IF EXISTS {_posts}; DROP TABLE IF EXISTS {_follows};");
        }
        finally
        {
            await _database.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
