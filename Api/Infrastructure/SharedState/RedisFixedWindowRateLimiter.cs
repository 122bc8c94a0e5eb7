using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>
/// A fixed-window limiter whose counter lives in Redis, so every Api instance draws on the same allowance. One
/// round trip per request: INCR, and on the window's first hit, PEXPIRE; the key's remaining TTL is the Retry-After.
/// </summary>
public sealed class RedisFixedWindowRateLimiter(IConnectionMultiplexer redis, string key, int permitLimit, TimeSpan window) : RateLimiter
{
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        if count == 1 then redis.call('PEXPIRE', @key, @windowMs) end
        return { count, redis.call('PTTL', @key) }
        """);

    private readonly RedisKey _key = "ratelimit:" + key;

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    // The synchronous path cannot reach Redis; saying "not acquired" makes the middleware take the async path.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, new { key = _key, windowMs = (long)window.TotalMilliseconds }))!;
        var count = (long)result[0];
        var ttl = TimeSpan.FromMilliseconds(Math.Max(1, (long)result[1]));
        return count <= permitLimit ? Lease.Acquired : new Lease(false, ttl);
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);
        public static readonly Lease Deferred = new(false, null);

        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
