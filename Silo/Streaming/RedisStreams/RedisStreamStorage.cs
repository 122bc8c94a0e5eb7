using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// The Redis commands one queue's reader sends: consumer-group setup (XGROUP), reads (XREADGROUP), acknowledgements
/// (XACK), takeover of others' pending entries (XPENDING, XAUTOCLAIM, XCLAIM), re-appending (XADD) and consumer
/// housekeeping. It holds no delivery state; what to read next and in which order is
/// <see cref="RedisQueueAdapterReceiver"/>'s business.
/// </summary>
internal sealed partial class RedisStreamStorage
{
    // Drops consumers that hold no pending entries: the consumer list would otherwise keep every name ever used.
    // A script, because deleting a consumer discards its pending entries, so "has none" and "delete" must be atomic.
    private const string PruneConsumersScript = """
        local removed = 0
        for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
          local fields = {}
          for i = 1, #consumer, 2 do fields[consumer[i]] = consumer[i + 1] end
          if fields['pending'] == 0 and (fields['name'] == ARGV[2] or fields['idle'] >= tonumber(ARGV[3])) then
            redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], fields['name'])
            removed = removed + 1
          end
        end
        return removed
        """;

    private const int ReleaseChunkSize = 500;

    private static readonly RedisValue FromStart = "0";
    private static readonly RedisValue NewEntries = ">";

    private readonly RedisStreamsConnection _connection;
    private readonly string _keyName;
    private readonly string _groupName;
    private readonly RedisKey _key;
    private readonly RedisValue _group;
    private readonly RedisValue _consumer;
    private readonly long _maxStreamLength;
    private readonly ILogger _logger;

    private IDatabase? _database;

    public RedisStreamStorage(
        RedisStreamsConnection connection,
        string key,
        string consumerGroup,
        string consumerName,
        RedisStreamsOptions options,
        ILogger logger)
    {
        _connection = connection;
        _keyName = key;
        _groupName = consumerGroup;
        _key = key;
        _group = consumerGroup;
        _consumer = consumerName;
        _maxStreamLength = options.MaxStreamLength;
        _logger = logger;
        ClaimIdleMilliseconds = Math.Max(1, (long)options.ClaimIdleTime.TotalMilliseconds);
    }

    /// <summary>How long an entry must have been idle before another consumer may claim it.</summary>
    public long ClaimIdleMilliseconds { get; }

    /// <summary>True once the group exists and a connection is held, until <see cref="Forget"/>.</summary>
    public bool IsReady => _database is not null;

    /// <summary>Connects and creates the consumer group (with the stream) unless both exist.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_database is not null)
        {
            return;
        }

        var database = await _connection.GetDatabaseAsync(cancellationToken);
        try
        {
            // From "0", not "$": entries added before the first reader of a new queue ever started belong to it too.
            await database.StreamCreateConsumerGroupAsync(_key, _group, FromStart, createStream: true).WaitAsync(cancellationToken);
            LogGroupCreated(_groupName, _keyName);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }

        await PruneConsumersAsync(database, removeSelf: false, cancellationToken);
        _database = database;
    }

    /// <summary>Drops the connection and the knowledge that the group exists; the next read sets both up again.</summary>
    public void Forget() => _database = null;

    /// <summary>XREADGROUP from <paramref name="after"/>: entries this consumer read earlier and never acknowledged.</summary>
    public Task<StreamEntry[]> ReadOwnPendingAsync(RedisValue after, int count, CancellationToken cancellationToken) =>
        Database.StreamReadGroupAsync(_key, _group, _consumer, after, count).WaitAsync(cancellationToken);

    /// <summary>XREADGROUP ">": entries no consumer of the group has read yet.</summary>
    public Task<StreamEntry[]> ReadNewAsync(int count, CancellationToken cancellationToken) =>
        Database.StreamReadGroupAsync(_key, _group, _consumer, NewEntries, count).WaitAsync(cancellationToken);

    /// <summary>XPENDING summary: whether a consumer other than this one holds unacknowledged entries.</summary>
    public async Task<bool> OthersHavePendingAsync(CancellationToken cancellationToken)
    {
        var pending = await Database.StreamPendingAsync(_key, _group).WaitAsync(cancellationToken);
        return pending.Consumers.Any(consumer => consumer.PendingMessageCount > 0 && consumer.Name != _consumer);
    }

    /// <summary>XAUTOCLAIM: takes over entries idle for at least <see cref="ClaimIdleMilliseconds"/>.</summary>
    public Task<StreamAutoClaimResult> ClaimIdleAsync(RedisValue cursor, int count, CancellationToken cancellationToken) =>
        Database.StreamAutoClaimAsync(_key, _group, _consumer, ClaimIdleMilliseconds, cursor, count).WaitAsync(cancellationToken);

    public Task AcknowledgeAsync(RedisValue[] entryIds, CancellationToken cancellationToken) =>
        Database.StreamAcknowledgeAsync(_key, _group, entryIds).WaitAsync(cancellationToken);

    /// <summary>
    /// Appends an entry's payload again (XADD, trimmed as every append is) and retires the old entry (XACK, XDEL), in
    /// one transaction, so the payload is never both gone and unacknowledged, nor in the stream twice.
    /// </summary>
    public async Task RequeueAsync(RedisValue entryId, RedisValue payload, CancellationToken cancellationToken)
    {
        var transaction = Database.CreateTransaction();
        var add = transaction.StreamAddAsync(_key, RedisQueueAdapterFactory.PayloadField, payload,
            maxLength: _maxStreamLength, useApproximateMaxLength: true);
        var acknowledge = transaction.StreamAcknowledgeAsync(_key, _group, entryId);
        var delete = transaction.StreamDeleteAsync(_key, [entryId]);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        await Task.WhenAll(add, acknowledge, delete).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// XCLAIM ... IDLE: marks entries this consumer holds as long idle, so the next reader's XAUTOCLAIM takes them at
    /// once; they stay pending with this consumer until then.
    /// </summary>
    public async Task ReleaseAsync(IEnumerable<RedisStreamEntryId> entryIds, CancellationToken cancellationToken)
    {
        // Large, but far from "now": Redis treats an IDLE that reaches back before the epoch as zero.
        var idle = Math.Max(ClaimIdleMilliseconds, (long)TimeSpan.FromDays(1).TotalMilliseconds);
        foreach (var chunk in entryIds.Order().Chunk(ReleaseChunkSize))
        {
            var arguments = new List<object>(chunk.Length + 7) { _key, _group, _consumer, 0 };
            arguments.AddRange(chunk.Select(id => (object)id.ToString()));
            arguments.AddRange(["IDLE", idle, "JUSTID"]);
            await Database.ExecuteAsync("XCLAIM", arguments).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Removes idle consumers without pending entries, and this one too when <paramref name="removeSelf"/>.</summary>
    public Task PruneConsumersAsync(bool removeSelf, CancellationToken cancellationToken) =>
        PruneConsumersAsync(Database, removeSelf, cancellationToken);

    private IDatabase Database => _database ?? throw new InvalidOperationException("The Redis stream storage is not ready.");

    private async Task PruneConsumersAsync(IDatabase database, bool removeSelf, CancellationToken cancellationToken)
    {
        try
        {
            var removed = (long)await database.ScriptEvaluateAsync(
                    PruneConsumersScript,
                    [_key],
                    [_group, removeSelf ? _consumer : RedisValue.EmptyString, ClaimIdleMilliseconds])
                .WaitAsync(cancellationToken);
            if (removed > 0)
            {
                LogConsumersPruned(_keyName, removed);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Housekeeping only; reading works with a long consumer list too.
            LogPruneFailed(exception, _keyName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created consumer group {Group} on {Key}.")]
    private partial void LogGroupCreated(string group, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed {Count} idle consumers without pending entries from {Key}.")]
    private partial void LogConsumersPruned(string key, long count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not prune idle consumers of {Key}.")]
    private partial void LogPruneFailed(Exception exception, string key);
}
