using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Instagram.Silo.Ids;

/// <summary>
/// Holds one generator id for this process as a Redis key (<c>SET NX PX</c>) that only its holder may extend, so two
/// processes of one service never mint with the same id. Measured locally from before each request, the holder's
/// view of the expiry is never later than Redis's; it stops minting a sixth of the lease earlier still, which also
/// absorbs clock skew between the old and the next holder of an id.
/// </summary>
public sealed partial class GeneratorIdLease : IAsyncDisposable
{
    // Extend our own lease, take the key back if it expired meanwhile, and answer 0 if another process holds it.
    private const string RenewScript = """
        local holder = redis.call('get', KEYS[1])
        if holder == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
        if holder then return 0 end
        if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
        return 0
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly string _keyPrefix;
    private readonly IdOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _holder = Guid.NewGuid().ToString("N");

    private GeneratorIdLease(IConnectionMultiplexer redis, string serviceId, IdOptions options, TimeProvider time, ILogger logger)
    {
        _redis = redis;
        _keyPrefix = $"instagram:{serviceId}:generator-id:";
        _options = options;
        _time = time;
        _logger = logger;
        Generator = new IdGenerator(options.LeaseFirst, time);
    }

    /// <summary>The process's generator, bound to the leased id for as long as the lease is renewed.</summary>
    public IdGenerator Generator { get; }

    /// <summary>How often <see cref="RenewAsync"/> should run: three times per lease.</summary>
    public TimeSpan RenewEvery => _options.LeaseDuration / 3;

    /// <summary>Takes a free id of the lease range (starting at a random one, so processes starting together rarely race).</summary>
    public static GeneratorIdLease Acquire(IConnectionMultiplexer redis, string serviceId, IdOptions options, TimeProvider time, ILogger logger)
    {
        var lease = new GeneratorIdLease(redis, serviceId, options, time, logger);
        try
        {
            lease.TakeFreeId();
            return lease;
        }
        catch
        {
            redis.Dispose();
            throw;
        }
    }

    /// <summary>Extends the lease; if another process took the id while we could not reach Redis, takes a new one.</summary>
    public async Task RenewAsync()
    {
        var id = Generator.GeneratorId;
        var askedAt = _time.GetUtcNow();
        var renewed = (long)await _redis.GetDatabase().ScriptEvaluateAsync(
            RenewScript, [Key(id)], [_holder, (long)_options.LeaseDuration.TotalMilliseconds]);
        if (renewed == 1)
        {
            Generator.Bind(id, MintUntil(askedAt));
            return;
        }

        LogLeaseLost(_logger, id);
        TakeFreeId();
    }

    /// <summary>Releases the id for the next process (the container disposes this last, after every user of ids stopped).</summary>
    public async ValueTask DisposeAsync()
    {
        var id = Generator.GeneratorId;
        Generator.Bind(id, DateTimeOffset.MinValue); // nothing minted after the key is gone
        try
        {
            await _redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [Key(id)], [_holder]);
        }
        catch (RedisException)
        {
            // Unreachable: the lease expires by itself.
        }

        await _redis.DisposeAsync();
    }

    private void TakeFreeId()
    {
        var count = _options.LeaseLast - _options.LeaseFirst + 1;
        var start = Random.Shared.Next(count);
        var database = _redis.GetDatabase();
        for (var i = 0; i < count; i++)
        {
            var id = _options.LeaseFirst + (start + i) % count;
            var askedAt = _time.GetUtcNow();
            if (database.StringSet(Key(id), _holder, _options.LeaseDuration, When.NotExists))
            {
                Generator.Bind(id, MintUntil(askedAt));
                LogLeased(_logger, id);
                return;
            }
        }

        throw new InvalidOperationException(
            $"Every generator id from Ids:LeaseFirst {_options.LeaseFirst} to Ids:LeaseLast {_options.LeaseLast} is leased by another process; widen the range.");
    }

    private DateTimeOffset MintUntil(DateTimeOffset askedAt) => askedAt + _options.LeaseDuration - _options.LeaseDuration / 6;

    private RedisKey Key(int id) => _keyPrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leased generator id {GeneratorId}")]
    private static partial void LogLeased(ILogger logger, int generatorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generator id {GeneratorId} was leased by another process while ours lapsed; taking another")]
    private static partial void LogLeaseLost(ILogger logger, int generatorId);
}
