using System.Globalization;
using Npgsql;
using StackExchange.Redis;

namespace Instagram.LoadTest.Measurement;

/// <summary>
/// Cumulative counters of the Cluster profile's PostgreSQL and Redis, read before and after each measured run so the
/// capacity model can divide what the backing services did by the operations of the run (docs/capacity.md):
/// PostgreSQL transactions and rows written or read in this run's database (<c>pg_stat_database</c>), the server's CPU
/// (its processes in /proc: the postmaster with the children it has reaped, plus every live child), the grain-state
/// table's rows and bytes; Redis commands processed and its CPU (<c>INFO</c>). Both servers are on loopback, so /proc
/// sees them. Redis and PostgreSQL CPU are whole-server figures: measure on a machine nobody else is loading.
/// </summary>
public sealed class BackingServiceCounters(string postgres, string redis) : IAsyncDisposable
{
    /// <summary>Counters whose difference over a run is the figure (the key without the suffix).</summary>
    public const string CumulativeSuffix = ".total";

    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    private readonly NpgsqlDataSource _postgres = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres)
    {
        MaxPoolSize = 1,
        ApplicationName = "instagram-loadtest-counters",
    }.ConnectionString);

    private ConnectionMultiplexer? _redis;

    public async Task<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<string, double>();
        await ReadPostgresAsync(metrics, cancellationToken);
        await ReadRedisAsync(metrics);
        return metrics;
    }

    private async Task ReadPostgresAsync(Dictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        await using var command = _postgres.CreateCommand("""
            SELECT xact_commit + xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched, pg_backend_pid(),
                   (SELECT reltuples FROM pg_class WHERE relname = 'orleansstorage'),
                   (SELECT pg_total_relation_size(oid) FROM pg_class WHERE relname = 'orleansstorage')
            FROM pg_stat_database WHERE datname = current_database()
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return;
        }

        metrics["pg.transactions" + CumulativeSuffix] = reader.GetInt64(0);
        metrics["pg.rowsInserted" + CumulativeSuffix] = reader.GetInt64(1);
        metrics["pg.rowWrites" + CumulativeSuffix] = reader.GetInt64(1) + reader.GetInt64(2) + reader.GetInt64(3);
        metrics["pg.rowsFetched" + CumulativeSuffix] = reader.GetInt64(4);
        if (!reader.IsDBNull(6) && !reader.IsDBNull(7))
        {
            metrics["pg.storageRows"] = reader.GetFloat(6);
            metrics["pg.storageBytes"] = reader.GetInt64(7);
        }

        if (ServerCpuSeconds(reader.GetInt32(5)) is { } cpu)
        {
            metrics["pg.cpuSeconds" + CumulativeSuffix] = cpu;
        }
    }

    /// <summary>
    /// The PostgreSQL server's CPU so far: the postmaster's own and its reaped children's (cutime, cstime), plus the
    /// live children's, found as the processes whose parent is the postmaster (our own backend's parent).
    /// </summary>
    private static double? ServerCpuSeconds(int backendPid)
    {
        if (Stat(backendPid) is not { } backend)
        {
            return null;
        }

        var postmaster = int.Parse(backend[1], CultureInfo.InvariantCulture);
        if (Stat(postmaster) is not { } main)
        {
            return null;
        }

        var ticks = Ticks(main, 11, 12, 13, 14);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } child &&
                child[1] == backend[1])
            {
                ticks += Ticks(child, 11, 12);
            }
        }

        return ticks / ClockTicksPerSecond;
    }

    private static long Ticks(string[] fields, params int[] indexes) => indexes.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));

    /// <summary>The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // gone meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task ReadRedisAsync(Dictionary<string, double> metrics)
    {
        if (_redis is null)
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AllowAdmin = true; // INFO is an admin command to StackExchange.Redis
            _redis = await ConnectionMultiplexer.ConnectAsync(options);
        }

        var info = (await _redis.GetServer(_redis.GetEndPoints()[0]).InfoAsync()).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        if (Number(info, "total_commands_processed") is { } commands)
        {
            metrics["redis.commands" + CumulativeSuffix] = commands;
        }

        if (Number(info, "used_cpu_user") is { } user && Number(info, "used_cpu_sys") is { } sys)
        {
            metrics["redis.cpuSeconds" + CumulativeSuffix] = user + sys;
        }
    }

    private static double? Number(Dictionary<string, string> info, string key) =>
        double.TryParse(info.GetValueOrDefault(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public async ValueTask DisposeAsync()
    {
        await _postgres.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
