using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;

namespace Instagram.Silo.Search;

/// <summary>
/// The connection pool of the PostgreSQL search index (the cluster's own database, schema infra/sql/005-search.sql)
/// and the scope its rows belong to: the Orleans ServiceId, as in the Orleans tables, so several services (or test
/// clusters) can share one database without seeing or sweeping each other's entries.
/// </summary>
public sealed partial class SearchDatabase : IAsyncDisposable
{
    private const int MaxAttempts = 3;

    /// <summary>
    /// The pool's ceiling: searches are short and writes are group-committed, so a few connections per silo do; the
    /// Orleans providers share the same server and must not be starved.
    /// </summary>
    private const int MaxPoolSize = 16;
    private readonly ILogger<SearchDatabase> _logger;

    public SearchDatabase(string connectionString, IOptions<ClusterOptions> cluster, ILogger<SearchDatabase> logger)
    {
        DataSource = Hosting.SmallPostgresPool.Create(connectionString, "instagram-search", MaxPoolSize);
        Scope = cluster.Value.ServiceId;
        _logger = logger;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The value of every row's <c>scope</c> column.</summary>
    public string Scope { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, again (up to three times) when PostgreSQL aborts it as a
    /// deadlock victim or a serialization failure: concurrent writers lock hashtag counters in different orders.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                LogRetry(ex.SqlState, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Search index write aborted by PostgreSQL ({SqlState}) on attempt {Attempt}; retrying")]
    private partial void LogRetry(string sqlState, int attempt);
}
