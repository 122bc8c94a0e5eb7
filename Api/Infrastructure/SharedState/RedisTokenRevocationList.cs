using System.Globalization;
using Instagram.Api.Auth;
using StackExchange.Redis;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>
/// Logged-out sessions and suspended users in Redis, each key expiring when the last access token it covers would have.
/// A check reads both keys in one MGET, the same one round trip the session check alone took.
/// </summary>
public sealed class RedisTokenRevocationList(IConnectionMultiplexer redis, TimeProvider time) : ITokenRevocationList
{
    public Task RevokeAsync(string sessionId, DateTimeOffset until) => SetUntilAsync(SessionKey(sessionId), 1, until);

    public Task RevokeUserAsync(long userId, DateTimeOffset issuedUpTo, DateTimeOffset until) =>
        SetUntilAsync(UserKey(userId), issuedUpTo.ToUnixTimeMilliseconds(), until);

    public async ValueTask<bool> IsRevokedAsync(string sessionId, long userId, DateTimeOffset issuedAt)
    {
        var values = await redis.GetDatabase().StringGetAsync([SessionKey(sessionId), UserKey(userId)]);
        return !values[0].IsNull || (values[1].TryParse(out long issuedUpTo) && issuedAt.ToUnixTimeMilliseconds() <= issuedUpTo);
    }

    private Task SetUntilAsync(RedisKey key, long value, DateTimeOffset until)
    {
        var lifetime = until - time.GetUtcNow();
        return lifetime <= TimeSpan.Zero ? Task.CompletedTask : redis.GetDatabase().StringSetAsync(key, value, lifetime);
    }

    private static RedisKey SessionKey(string sessionId) => "revoked-session:" + sessionId;

    private static RedisKey UserKey(long userId) => "revoked-user:" + userId.ToString(CultureInfo.InvariantCulture);
}
