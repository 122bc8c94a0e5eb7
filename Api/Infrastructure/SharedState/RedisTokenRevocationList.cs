using Instagram.Api.Auth;
using StackExchange.Redis;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>Logged-out sessions in Redis, each key expiring when the session's last access token would have.</summary>
public sealed class RedisTokenRevocationList(IConnectionMultiplexer redis, TimeProvider time) : ITokenRevocationList
{
    public Task RevokeAsync(string sessionId, DateTimeOffset until)
    {
        var lifetime = until - time.GetUtcNow();
        return lifetime <= TimeSpan.Zero
            ? Task.CompletedTask
            : redis.GetDatabase().StringSetAsync(KeyOf(sessionId), 1, lifetime);
    }

    public async ValueTask<bool> IsRevokedAsync(string sessionId) => await redis.GetDatabase().KeyExistsAsync(KeyOf(sessionId));

    private static RedisKey KeyOf(string sessionId) => "revoked-session:" + sessionId;
}
