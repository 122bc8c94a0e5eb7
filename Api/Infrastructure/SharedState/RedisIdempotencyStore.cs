using StackExchange.Redis;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>Idempotency records in Redis: SET NX claims a key atomically across every Api instance.</summary>
public sealed class RedisIdempotencyStore(IConnectionMultiplexer redis) : IIdempotencyStore
{
    private const string Pending = "\u0000pending";

    public async Task<IdempotencyClaim> TryBeginAsync(string key, TimeSpan lifetime)
    {
        var db = redis.GetDatabase();
        if (await db.StringSetAsync(KeyOf(key), Pending, lifetime, When.NotExists))
        {
            return new IdempotencyClaim(IdempotencyState.Claimed);
        }

        var stored = await db.StringGetAsync(KeyOf(key));
        return stored.IsNull ? await TryBeginAsync(key, lifetime)
            : stored == Pending ? new IdempotencyClaim(IdempotencyState.InProgress)
            : new IdempotencyClaim(IdempotencyState.Completed, stored.ToString());
    }

    public Task CompleteAsync(string key, string response, TimeSpan lifetime) =>
        redis.GetDatabase().StringSetAsync(KeyOf(key), response, lifetime);

    public Task AbandonAsync(string key) => redis.GetDatabase().KeyDeleteAsync(KeyOf(key));

    private static RedisKey KeyOf(string key) => "idempotency:" + key;
}
