using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Instagram.Silo.Hosting;

/// <summary>
/// Before a Cluster-profile silo starts, checks that PostgreSQL and Redis answer, so an operator reads
/// "cannot reach PostgreSQL at host:port" instead of a provider's stack trace minutes later.
/// </summary>
public static partial class ClusterPreflight
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>True when every backing service answered; each failure is logged with what could not be reached.</summary>
    public static async Task<bool> CheckAsync(ClusterConnections connections, ILogger logger)
    {
        var postgres = CheckPostgresAsync(connections.Postgres, logger);
        var redis = CheckRedisAsync(connections.Redis, logger);
        return (await Task.WhenAll(postgres, redis)).All(ok => ok);
    }

    private static async Task<bool> CheckPostgresAsync(string connectionString, ILogger logger)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = (int)Timeout.TotalSeconds };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansquery", connection);
            await command.ExecuteScalarAsync();
            return true;
        }
        catch (Exception ex)
        {
            LogUnreachable(logger, "PostgreSQL", $"{builder.Host}:{builder.Port}/{builder.Database}", ex.Message);
            return false;
        }
    }

    private static async Task<bool> CheckRedisAsync(string connectionString, ILogger logger)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        options.AbortOnConnectFail = true;
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception ex)
        {
            LogUnreachable(logger, "Redis", string.Join(",", options.EndPoints), ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot reach {Service} at {Address}: {Reason}. The silo will not start.")]
    private static partial void LogUnreachable(ILogger logger, string service, string address, string reason);
}
