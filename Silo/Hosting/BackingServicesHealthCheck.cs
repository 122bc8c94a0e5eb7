using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace Instagram.Silo.Hosting;

/// <summary>
/// Part of a Cluster-profile silo's readiness: PostgreSQL (grain state, reminders, membership) and Redis (streams)
/// answer within a couple of seconds. A silo that cannot reach them would accept grain calls it cannot serve. One
/// small pool and one Redis connection, opened on first use and kept, so probing costs a round trip each.
/// </summary>
public sealed class BackingServicesHealthCheck : IHealthCheck, IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly NpgsqlDataSource _postgres;
    private readonly string _postgresAddress;
    private readonly ConfigurationOptions _redisOptions;
    private readonly SemaphoreSlim _redisConnecting = new(1, 1);
    private ConnectionMultiplexer? _redis;

    public BackingServicesHealthCheck(ClusterConnections connections)
    {
        var postgres = new NpgsqlConnectionStringBuilder(connections.Postgres)
        {
            Timeout = (int)Timeout.TotalSeconds,
            CommandTimeout = (int)Timeout.TotalSeconds,
            MaxPoolSize = 1,
            ApplicationName = "instagram-silo-health",
        };
        _postgres = NpgsqlDataSource.Create(postgres.ConnectionString);
        _postgresAddress = $"{postgres.Host}:{postgres.Port}";
        _redisOptions = ConfigurationOptions.Parse(connections.Redis);
        _redisOptions.AbortOnConnectFail = false;
        _redisOptions.ConnectTimeout = (int)Timeout.TotalMilliseconds;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var postgres = ProblemAsync("PostgreSQL", _postgresAddress, PingPostgresAsync, cancellationToken);
        var redis = ProblemAsync("Redis", string.Join(",", _redisOptions.EndPoints), PingRedisAsync, cancellationToken);
        var problems = (await Task.WhenAll(postgres, redis)).OfType<string>().ToArray();
        return problems.Length == 0 ? HealthCheckResult.Healthy("PostgreSQL and Redis answer.") : HealthCheckResult.Unhealthy(string.Join(" ", problems));
    }

    private static async Task<string?> ProblemAsync(string service, string address, Func<CancellationToken, Task> ping, CancellationToken cancellationToken)
    {
        try
        {
            await ping(cancellationToken).WaitAsync(Timeout, cancellationToken);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{service} at {address} does not answer ({(ex is TimeoutException ? $"no answer in {Timeout.TotalSeconds:N0} s" : ex.Message)}).";
        }
    }

    private async Task PingPostgresAsync(CancellationToken cancellationToken)
    {
        await using var command = _postgres.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task PingRedisAsync(CancellationToken cancellationToken)
    {
        var redis = _redis;
        if (redis is null)
        {
            await _redisConnecting.WaitAsync(cancellationToken);
            try
            {
                redis = _redis ??= await ConnectionMultiplexer.ConnectAsync(_redisOptions);
            }
            finally
            {
                _redisConnecting.Release();
            }
        }

        await redis.GetDatabase().PingAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _postgres.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _redisConnecting.Dispose();
    }
}
