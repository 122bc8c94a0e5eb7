using Instagram.LoadTest.Measurement;
using Npgsql;

namespace Instagram.Infra.Tests.Capacity;

/// <summary>
/// The load tester's PostgreSQL and Redis counters against the local services: rows this test writes show up in
/// the database's counters, and the servers' CPU and command counts are read.
/// </summary>
[Trait("Category", "Services")]
public sealed class BackingServiceCountersTests
{
    private static string Setting(string name) =>
        Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")
        ?? throw new InvalidOperationException($"ConnectionStrings__{name} is not set: run with the local services' connection strings.");

    [Fact]
    public async Task RowsWrittenMeanwhileAreCountedAndServerFiguresAreRead()
    {
        await using var counters = new BackingServiceCounters(Setting("Postgres"), Setting("Redis"));
        var before = await counters.ReadAsync(CancellationToken.None);

        await using (var connection = new NpgsqlConnection(Setting("Postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE TEMP TABLE counters_test (id int);
                INSERT INTO counters_test SELECT generate_series(1, 500);
                UPDATE counters_test SET id = id + 1;
                SELECT pg_stat_force_next_flush();
                """, connection);
            await command.ExecuteNonQueryAsync();
        } // closing the session reports its statistics too

        var after = await Eventually(counters, before, "pg.rowsInserted.total", 500);

        Assert.True(after["pg.rowsInserted.total"] - before["pg.rowsInserted.total"] >= 500, "the 500 inserts");
        Assert.True(after["pg.rowWrites.total"] - before["pg.rowWrites.total"] >= 1_000, "500 inserts and 500 updates");
        Assert.True(after["pg.transactions.total"] > before["pg.transactions.total"]);
        Assert.True(after["pg.cpuSeconds.total"] >= before["pg.cpuSeconds.total"] && after["pg.cpuSeconds.total"] > 0);
        Assert.True(after["redis.commands.total"] > before["redis.commands.total"], "the INFO calls are commands themselves");
        Assert.True(after.ContainsKey("redis.cpuSeconds.total"));
        Assert.True(after.ContainsKey("pg.storageBytes") && after.ContainsKey("pg.storageRows"));
    }

    // pg_stat_database is fed by each backend's reports, which may trail a statement by up to a second.
    private static async Task<IReadOnlyDictionary<string, double>> Eventually(
        BackingServiceCounters counters, IReadOnlyDictionary<string, double> before, string key, double atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var now = await counters.ReadAsync(CancellationToken.None);
            if (now[key] - before[key] >= atLeast || DateTime.UtcNow > deadline)
            {
                return now;
            }

            await Task.Delay(200);
        }
    }
}
