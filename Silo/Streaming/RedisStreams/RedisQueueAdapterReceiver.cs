using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// Reads one queue (one Redis stream) through the provider's consumer group, for the pulling agent that owns
/// the queue. Delivery is at least once: an entry is acknowledged (XACK) only after the agent's cache reports
/// it delivered, and whatever a reader read but did not acknowledge is read again, by the same consumer after
/// a restart (XREADGROUP from 0) or by the queue's next owner (XAUTOCLAIM).
/// </summary>
/// <remarks>
/// The pulling agent calls a receiver serially, never concurrently, so the state here is not locked.
/// Batches must reach the agent's cache in token order, which <see cref="RedisStreamsSequenceToken"/> takes
/// from the entry id; every path below keeps that: the own backlog is read first, entries still pending
/// with another consumer hold back new reads until they are claimed, and a claimed entry older than what was
/// already handed out is appended to the stream again rather than handed out late.
/// </remarks>
internal sealed partial class RedisQueueAdapterReceiver : IQueueAdapterReceiver
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

    private static readonly IList<IBatchContainer> NoBatches = Array.Empty<IBatchContainer>();
    private static readonly RedisValue FromStart = "0";
    private static readonly RedisValue NewEntries = ">";
    private static readonly RedisValue ClaimScanStart = "0-0";

    private readonly RedisStreamsConnection _connection;
    private readonly string _keyName;
    private readonly string _groupName;
    private readonly string _consumerName;
    private readonly RedisKey _key;
    private readonly RedisValue _group;
    private readonly RedisValue _consumer;
    private readonly RedisStreamsOptions _options;
    private readonly Serializer _serializer;
    private readonly ILogger _logger;
    private readonly long _claimIdleMilliseconds;
    private readonly TagList _metricTags;

    // Read and handed to the agent, not yet reported delivered.
    private readonly HashSet<RedisStreamEntryId> _inFlight = [];
    // Reported delivered, XACK not yet confirmed (retried with the next delivery if Redis was unreachable).
    private readonly HashSet<RedisStreamEntryId> _unacknowledged = [];

    private IDatabase? _database;
    private bool _readingOwnBacklog = true;
    private RedisValue _ownBacklogCursor = FromStart;
    private RedisValue _claimCursor = ClaimScanStart;
    private bool _othersHavePending = true;
    private long _nextPendingCheckAt;
    private RedisStreamEntryId _highestHandedOut;
    private bool _shutDown;
    private int _reportedBacklog;

    public RedisQueueAdapterReceiver(
        RedisStreamsConnection connection,
        string key,
        string consumerGroup,
        string consumerName,
        RedisStreamsOptions options,
        Serializer serializer,
        TagList metricTags,
        ILogger logger)
    {
        _connection = connection;
        _keyName = key;
        _groupName = consumerGroup;
        _consumerName = consumerName;
        _key = key;
        _group = consumerGroup;
        _consumer = consumerName;
        _options = options;
        _serializer = serializer;
        _logger = logger;
        _claimIdleMilliseconds = Math.Max(1, (long)options.ClaimIdleTime.TotalMilliseconds);
        _metricTags = metricTags;
    }

    internal string ConsumerName => _consumerName;

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(timeout);
        }

        // A failure here is not fatal: the agent pumps anyway, and every read retries the setup first.
        await EnsureReadyAsync(deadline.Token);
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (_shutDown || maxCount == 0)
        {
            return NoBatches;
        }

        var count = maxCount < 0 ? _options.BatchSize : Math.Min(maxCount, _options.BatchSize);
        var database = await EnsureReadyAsync(cancellationToken);
        await FlushAcknowledgementsAsync(database, cancellationToken);

        try
        {
            if (_readingOwnBacklog)
            {
                var backlog = await database.StreamReadGroupAsync(_key, _group, _consumer, _ownBacklogCursor, count).WaitAsync(cancellationToken);
                if (backlog.Length > 0)
                {
                    _ownBacklogCursor = backlog[^1].Id;
                    LogReadingOwnBacklog(_consumerName, _keyName, backlog.Length);
                    return await ToBatchesAsync(database, backlog, RedisStreamsMetrics.RedeliveryAfterRestart, cancellationToken);
                }

                _readingOwnBacklog = false;
            }

            var reclaimed = await ReclaimAsync(database, count, cancellationToken);
            if (reclaimed.Count > 0 || _othersHavePending)
            {
                return reclaimed;
            }

            var entries = await database.StreamReadGroupAsync(_key, _group, _consumer, NewEntries, count).WaitAsync(cancellationToken);
            return entries.Length == 0 ? NoBatches : await ToBatchesAsync(database, entries, redelivery: null, cancellationToken);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // The key was deleted (and the group with it); whatever was pending died with it, so start over.
            LogGroupLost(_keyName, _groupName);
            _database = null;
            _readingOwnBacklog = true;
            _ownBacklogCursor = FromStart;
            _claimCursor = ClaimScanStart;
            _othersHavePending = true;
            return NoBatches;
        }
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (message is RedisStreamsBatchContainer batch)
            {
                var id = batch.EntryId;
                _inFlight.Remove(id);
                _unacknowledged.Add(id);
            }
        }

        if (_database is { } database)
        {
            await FlushAcknowledgementsAsync(database, cancellationToken);
        }
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_shutDown)
        {
            return;
        }

        _shutDown = true;
        var database = _database;
        _database = null;
        if (database is null)
        {
            ReportBacklog(released: true);
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(timeout);
        }

        try
        {
            await FlushAcknowledgementsAsync(database, deadline.Token);
            await ReleaseInFlightAsync(database, deadline.Token);
            await PruneConsumersAsync(database, removeSelf: true, deadline.Token);
        }
        catch (Exception exception)
        {
            // Nothing is lost: what was not acknowledged or released stays pending and is claimed after ClaimIdleTime.
            LogShutdownIncomplete(exception, _consumerName, _keyName);
        }
        finally
        {
            _inFlight.Clear();
            // Whatever is still unacknowledged is now the next owner's to read (and count).
            ReportBacklog(released: true);
        }
    }

    private async Task<IDatabase> EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_database is { } ready)
        {
            return ready;
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
        return database;
    }

    /// <summary>
    /// Takes over entries another consumer read but never acknowledged, once they have been idle for
    /// <see cref="RedisStreamsOptions.ClaimIdleTime"/>. While any exist, <see cref="_othersHavePending"/> holds new
    /// reads back, so a stream's old events are not overtaken by its new ones after a fail-over.
    /// </summary>
    private async Task<IList<IBatchContainer>> ReclaimAsync(IDatabase database, int count, CancellationToken cancellationToken)
    {
        // Only a queue's previous owners leave entries pending, so once none are left, looking again every
        // ClaimIdleTime is enough: nothing found sooner could be claimed sooner.
        var now = Environment.TickCount64;
        if (!_othersHavePending && now < _nextPendingCheckAt)
        {
            return NoBatches;
        }

        var pending = await database.StreamPendingAsync(_key, _group).WaitAsync(cancellationToken);
        _nextPendingCheckAt = now + _claimIdleMilliseconds;
        _othersHavePending = pending.Consumers.Any(consumer => consumer.PendingMessageCount > 0 && consumer.Name != _consumer);
        if (!_othersHavePending)
        {
            return NoBatches;
        }

        var claim = await database.StreamAutoClaimAsync(_key, _group, _consumer, _claimIdleMilliseconds, _claimCursor, count)
            .WaitAsync(cancellationToken);
        _claimCursor = claim.NextStartId.IsNullOrEmpty ? ClaimScanStart : claim.NextStartId;
        if (claim.DeletedIds.Length > 0)
        {
            LogClaimedEntriesTrimmed(_keyName, claim.DeletedIds.Length);
        }

        if (claim.ClaimedEntries.Length == 0)
        {
            return NoBatches;
        }

        LogClaimed(_consumerName, _keyName, claim.ClaimedEntries.Length);
        return await ToBatchesAsync(database, claim.ClaimedEntries, RedisStreamsMetrics.RedeliveryAfterClaim, cancellationToken);
    }

    /// <param name="redelivery">Why these entries are read again (a <see cref="RedisStreamsMetrics"/> reason), or null for new ones.</param>
    private async Task<IList<IBatchContainer>> ToBatchesAsync(IDatabase database, StreamEntry[] entries, string? redelivery, CancellationToken cancellationToken)
    {
        var fromClaim = redelivery == RedisStreamsMetrics.RedeliveryAfterClaim;
        var batches = new List<IBatchContainer>(entries.Length);
        var requeued = 0;
        List<RedisValue>? discarded = null;
        foreach (var entry in entries)
        {
            var id = RedisStreamEntryId.Parse(entry.Id);
            if (fromClaim && (_inFlight.Contains(id) || _unacknowledged.Contains(id)))
            {
                // Our own entry, still in the agent's cache; claiming it only refreshed its idle time.
                continue;
            }

            var payload = entry.Values is { Length: > 0 } ? entry[RedisQueueAdapterFactory.PayloadField] : RedisValue.Null;
            if (payload.IsNull)
            {
                // Trimmed by MAXLEN (or deleted) while pending: the events are gone, only the pending record is left.
                LogEntryLost(_keyName, id.ToString());
                (discarded ??= []).Add(entry.Id);
                continue;
            }

            if (id <= _highestHandedOut)
            {
                await RequeueAsync(database, entry.Id, payload, cancellationToken);
                LogRequeued(_keyName, id.ToString());
                requeued++;
                continue;
            }

            RedisStreamsBatchContainer batch;
            try
            {
                batch = _serializer.Deserialize<RedisStreamsBatchContainer>((ReadOnlyMemory<byte>)payload)
                    ?? throw new InvalidDataException("The entry holds a null batch.");
            }
            catch (Exception exception)
            {
                // No silo can read it either (a removed event type, a corrupt write); keeping it pending would
                // only have it claimed and fail again forever.
                LogEntryUndecodable(exception, _keyName, id.ToString());
                (discarded ??= []).Add(entry.Id);
                continue;
            }

            batch.Token = new RedisStreamsSequenceToken(id.Milliseconds, id.Sequence, 0);
            _inFlight.Add(id);
            _highestHandedOut = id;
            batches.Add(batch);
        }

        if (discarded is not null)
        {
            await database.StreamAcknowledgeAsync(_key, _group, [.. discarded]).WaitAsync(cancellationToken);
        }

        if (redelivery is not null && batches.Count + requeued > 0)
        {
            var tags = _metricTags;
            tags.Add("reason", redelivery);
            RedisStreamsMetrics.Redeliveries.Add(batches.Count + requeued, tags);
        }

        ReportBacklog();
        LogRead(_consumerName, _keyName, batches.Count);
        return batches;
    }

    /// <summary>Brings this queue's <see cref="RedisStreamsMetrics.Backlog"/> to what this receiver holds unacknowledged.</summary>
    private void ReportBacklog(bool released = false)
    {
        var backlog = released ? 0 : _inFlight.Count + _unacknowledged.Count;
        if (backlog != _reportedBacklog)
        {
            RedisStreamsMetrics.Backlog.Add(backlog - _reportedBacklog, _metricTags);
            _reportedBacklog = backlog;
        }
    }

    /// <summary>
    /// Appends a claimed entry again and retires the old one, in one transaction: handing it out under its old,
    /// lower id would break the token order of the agent's cache.
    /// </summary>
    private async Task RequeueAsync(IDatabase database, RedisValue entryId, RedisValue payload, CancellationToken cancellationToken)
    {
        var transaction = database.CreateTransaction();
        var add = transaction.StreamAddAsync(_key, RedisQueueAdapterFactory.PayloadField, payload,
            maxLength: _options.MaxStreamLength, useApproximateMaxLength: true);
        var acknowledge = transaction.StreamAcknowledgeAsync(_key, _group, entryId);
        var delete = transaction.StreamDeleteAsync(_key, [entryId]);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        await Task.WhenAll(add, acknowledge, delete).WaitAsync(cancellationToken);
    }

    private async Task FlushAcknowledgementsAsync(IDatabase database, CancellationToken cancellationToken)
    {
        if (_unacknowledged.Count == 0)
        {
            return;
        }

        var ids = _unacknowledged.Select(id => id.ToRedisValue()).ToArray();
        await database.StreamAcknowledgeAsync(_key, _group, ids).WaitAsync(cancellationToken);
        _unacknowledged.Clear();
        ReportBacklog();
        LogAcknowledged(_consumerName, _keyName, ids.Length);
    }

    /// <summary>
    /// Marks what this reader still holds as long idle, so the queue's next owner claims it at once instead of
    /// waiting <see cref="RedisStreamsOptions.ClaimIdleTime"/>. The entries stay pending (with this consumer)
    /// until then, so a crash right here loses nothing.
    /// </summary>
    private async Task ReleaseInFlightAsync(IDatabase database, CancellationToken cancellationToken)
    {
        if (_inFlight.Count == 0)
        {
            return;
        }

        // Large, but far from "now": Redis treats an IDLE that reaches back before the epoch as zero.
        var idle = Math.Max(_claimIdleMilliseconds, (long)TimeSpan.FromDays(1).TotalMilliseconds);
        foreach (var chunk in _inFlight.Order().Chunk(ReleaseChunkSize))
        {
            var arguments = new List<object>(chunk.Length + 7) { _key, _group, _consumer, 0 };
            arguments.AddRange(chunk.Select(id => (object)id.ToString()));
            arguments.AddRange(["IDLE", idle, "JUSTID"]);
            await database.ExecuteAsync("XCLAIM", arguments).WaitAsync(cancellationToken);
        }

        LogReleased(_consumerName, _keyName, _inFlight.Count);
    }

    private async Task PruneConsumersAsync(IDatabase database, bool removeSelf, CancellationToken cancellationToken)
    {
        try
        {
            var removed = (long)await database.ScriptEvaluateAsync(
                    PruneConsumersScript,
                    [_key],
                    [_group, removeSelf ? _consumer : RedisValue.EmptyString, _claimIdleMilliseconds])
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group} on {Key} disappeared (key deleted?); re-creating it.")]
    private partial void LogGroupLost(string key, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} re-reads {Count} entries of {Key} it had read but not acknowledged before a restart.")]
    private partial void LogReadingOwnBacklog(string consumer, string key, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} claimed {Count} entries of {Key} left pending by another consumer.")]
    private partial void LogClaimed(string consumer, string key, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} pending entries of {Key} were trimmed before anyone acknowledged them; their events are lost. Raise MaxStreamLength.")]
    private partial void LogClaimedEntriesTrimmed(string key, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pending entry {EntryId} of {Key} was trimmed before anyone acknowledged it; its events are lost. Raise MaxStreamLength.")]
    private partial void LogEntryLost(string key, string entryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed entry {EntryId} of {Key} is older than what this reader already handed out; appended it again.")]
    private partial void LogRequeued(string key, string entryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Entry {EntryId} of {Key} cannot be deserialized; acknowledged and skipped.")]
    private partial void LogEntryUndecodable(Exception exception, string key, string entryId);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Consumer {Consumer} read {Count} batches from {Key}.")]
    private partial void LogRead(string consumer, string key, int count);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Consumer {Consumer} acknowledged {Count} entries of {Key}.")]
    private partial void LogAcknowledged(string consumer, string key, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} released {Count} unacknowledged entries of {Key} for the next owner.")]
    private partial void LogReleased(string consumer, string key, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed {Count} idle consumers without pending entries from {Key}.")]
    private partial void LogConsumersPruned(string key, long count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not prune idle consumers of {Key}.")]
    private partial void LogPruneFailed(Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Consumer} could not finish shutting down on {Key}; its unacknowledged entries will be claimed after ClaimIdleTime.")]
    private partial void LogShutdownIncomplete(Exception exception, string consumer, string key);
}
