using StackExchange.Redis;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>
/// Idempotency records in Redis: SET NX claims a key atomically across every Api instance. The value is the request's
/// fingerprint, a newline, and the response (nothing yet while the first request is still running).
/// </summary>
public sealed class RedisIdempotencyStore(IConnectionMultiplexer redis) : IIdempotencyStore
{
    private const string PendingMark = "\u0000pending";

    public async Task<IdempotencyClaim> TryBeginAsync(string key, string fingerprint, TimeSpan lifetime)
    {
        var db = redis.GetDatabase();
        if (await db.StringSetAsync(KeyOf(key), $"{fingerprint}\n{PendingMark}", lifetime, When.NotExists))
        {
            return new IdempotencyClaim(IdempotencyState.Claimed, fingerprint);
        }

        var stored = await db.StringGetAsync(KeyOf(key));
        if (stored.IsNull)
        {
            return await TryBeginAsync(key, fingerprint, lifetime);
        }

        var text = stored.ToString();
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var (storedFingerprint, response) = newline < 0 ? ("", text) : (text[..newline], text[(newline + 1)..]);
        return response == PendingMark
            ? new IdempotencyClaim(IdempotencyState.InProgress, storedFingerprint)
            : new IdempotencyClaim(IdempotencyState.Completed, storedFingerprint, response);
    }

    public Task CompleteAsync(string key, string fingerprint, string response, TimeSpan lifetime) =>
        redis.GetDatabase().StringSetAsync(KeyOf(key), $"{fingerprint}\n{response}", lifetime);

    public Task AbandonAsync(string key) => redis.GetDatabase().KeyDeleteAsync(KeyOf(key));

    private static RedisKey KeyOf(string key) => "idempotency:" + key;
}
