using Instagram.Api.Auth;
using StackExchange.Redis;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>
/// Login backoff in Redis, shared by every Api instance. One script per attempt: refuse while the lock key lives,
/// else count the attempt (the counter forgets after <see cref="LoginBackoffOptions.AttemptMemory"/>) and, past the
/// free attempts, set the lock key with the backoff as its expiry.
/// </summary>
public sealed class RedisLoginBackoff(IConnectionMultiplexer redis, IOptions<LoginBackoffOptions> options) : ILoginBackoff
{
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local locked = redis.call('PTTL', @lockKey)
        if locked > 0 then return { 0, locked } end
        local count = redis.call('INCR', @countKey)
        redis.call('PEXPIRE', @countKey, @memoryMs)
        local free = tonumber(@free)
        if count > free then
            local lockout = math.min(tonumber(@baseMs) * 2 ^ math.min(count - free - 1, 40), tonumber(@maxMs))
            redis.call('SET', @lockKey, 1, 'PX', math.max(1, math.floor(lockout)))
        end
        return { 1, 0 }
        """);

    public async ValueTask<LoginTurn> TakeTurnAsync(string account)
    {
        var settings = options.Value;
        var (countKey, lockKey) = KeysOf(account);
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, new
        {
            countKey,
            lockKey,
            memoryMs = (long)settings.AttemptMemory.TotalMilliseconds,
            free = settings.FreeAttempts,
            baseMs = (long)Math.Max(1, settings.BaseLockout.TotalMilliseconds),
            maxMs = (long)settings.MaxLockout.TotalMilliseconds,
        }))!;
        return (long)result[0] == 1 ? LoginTurn.Granted : LoginTurn.Locked(TimeSpan.FromMilliseconds((long)result[1]));
    }

    public Task ResetAsync(string account)
    {
        var (countKey, lockKey) = KeysOf(account);
        return redis.GetDatabase().KeyDeleteAsync([countKey, lockKey]);
    }

    // One hash tag per account keeps both keys on one shard of a Redis cluster, as the script needs.
    private static (RedisKey Count, RedisKey Lock) KeysOf(string account) =>
        ($"login-backoff:{{{account}}}:attempts", $"login-backoff:{{{account}}}:lock");
}
