using StackExchange.Redis;

namespace Instagram.Silo.Tests.Infrastructure;

/// <summary>
/// The Redis the tests run against: always a real server, named by <c>ConnectionStrings__Redis</c>. A missing
/// variable fails the tests instead of skipping them, because the test script always starts Redis first, so a
/// missing server means a broken setup, not an optional feature.
/// </summary>
public static class RedisTestEnvironment
{
    public const string Variable = "ConnectionStrings__Redis";

    private static readonly Lazy<Task<ConnectionMultiplexer>> Admin = new(() => ConnectionMultiplexer.ConnectAsync(ConnectionString));

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. These tests need a real Redis: start one (e.g. `redis-server --port 56379 --bind 127.0.0.1 --save ''`, " +
                $"or `bash infra/local/services.sh up`) and export {Variable}=127.0.0.1:56379.");

    /// <summary>A key prefix no other test run uses, so concurrent runs and leftovers never meet.</summary>
    public static string NewKeyPrefix(string purpose) => $"silo-tests:{purpose}:{Guid.NewGuid():N}";

    public static async Task<IDatabase> GetDatabaseAsync() => (await Admin.Value).GetDatabase();

    /// <summary>Deletes every key under <paramref name="prefix"/>.</summary>
    public static async Task DeleteKeysAsync(string prefix)
    {
        var multiplexer = await Admin.Value;
        foreach (var server in multiplexer.GetServers().Where(server => server.IsConnected && !server.IsReplica))
        {
            var keys = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(pattern: prefix + ":*", pageSize: 500))
            {
                keys.Add(key);
            }

            if (keys.Count > 0)
            {
                await multiplexer.GetDatabase().KeyDeleteAsync([.. keys]);
            }
        }
    }
}
