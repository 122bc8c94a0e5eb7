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
/// The Redis commands themselves are <see cref="RedisStreamStorage"/>'s; this class decides what to read, in which
/// order, and when an entry is done.
/// </remarks>
internal sealed partial class RedisQueueAdapterReceiver : IQueueAdapterReceiver
{
    private static readonly IList<IBatchContainer> NoBatches = Array.Empty<IBatchContainer>();
    private static readonly RedisValue FromStart = "0";
    private static readonly RedisValue ClaimScanStart = "0-0";

    private readonly RedisStreamStorage _storage;
    private readonly string _keyName;
    private readonly string _groupName;
    private readonly string _consumerName;
    private readonly RedisStreamsOptions _options;
    private readonly Serializer _serializer;
    private readonly ILogger _logger;
    private readonly TagList _metricTags;

    // Read and handed to the agent, not yet reported delivered.
    private readonly HashSet<RedisStreamEntryId> _inFlight = [];
    // Reported delivered, XACK not yet confirmed (retried with the next delivery if Redis was unreachable).
    private readonly HashSet<RedisStreamEntryId> _unacknowledged = [];

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
        _storage = new RedisStreamStorage(connection, key, consumerGroup, consumerName, options, logger);
        _keyName = key;
        _groupName = consumerGroup;
        _consumerName = consumerName;
        _options = options;
        _serializer = serializer;
        _logger = logger;
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
        await _storage.EnsureReadyAsync(deadline.Token);
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
        await _storage.EnsureReadyAsync(cancellationToken);
        await FlushAcknowledgementsAsync(cancellationToken);

        try
        {
            if (_readingOwnBacklog)
            {
                var backlog = await _storage.ReadOwnPendingAsync(_ownBacklogCursor, count, cancellationToken);
                if (backlog.Length > 0)
                {
                    _ownBacklogCursor = backlog[^1].Id;
                    LogReadingOwnBacklog(_consumerName, _keyName, backlog.Length);
                    return await ToBatchesAsync(backlog, RedisStreamsMetrics.RedeliveryAfterRestart, cancellationToken);
                }

                _readingOwnBacklog = false;
            }

            var reclaimed = await ReclaimAsync(count, cancellationToken);
            if (reclaimed.Count > 0 || _othersHavePending)
            {
                return reclaimed;
            }

            var entries = await _storage.ReadNewAsync(count, cancellationToken);
            return entries.Length == 0 ? NoBatches : await ToBatchesAsync(entries, redelivery: null, cancellationToken);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // The key was deleted (and the group with it); whatever was pending died with it, so start over.
            LogGroupLost(_keyName, _groupName);
            _storage.Forget();
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

        if (_storage.IsReady && !_shutDown)
        {
            await FlushAcknowledgementsAsync(cancellationToken);
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
        if (!_storage.IsReady)
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
            await FlushAcknowledgementsAsync(deadline.Token);
            await ReleaseInFlightAsync(deadline.Token);
            await _storage.PruneConsumersAsync(removeSelf: true, deadline.Token);
        }
        catch (Exception exception)
        {
            // Nothing is lost: what was not acknowledged or released stays pending and is claimed after ClaimIdleTime.
            LogShutdownIncomplete(exception, _consumerName, _keyName);
        }
        finally
        {
            _storage.Forget();
            _inFlight.Clear();
            // Whatever is still unacknowledged is now the next owner's to read (and count).
            ReportBacklog(released: true);
        }
    }

    /// <summary>
    /// Takes over entries another consumer read but never acknowledged, once they have been idle for
    /// <see cref="RedisStreamsOptions.ClaimIdleTime"/>. While any exist, <see cref="_othersHavePending"/> holds new
    /// reads back, so a stream's old events are not overtaken by its new ones after a fail-over.
    /// </summary>
    private async Task<IList<IBatchContainer>> ReclaimAsync(int count, CancellationToken cancellationToken)
    {
        // Only a queue's previous owners leave entries pending, so once none are left, looking again every
        // ClaimIdleTime is enough: nothing found sooner could be claimed sooner.
        var now = Environment.TickCount64;
        if (!_othersHavePending && now < _nextPendingCheckAt)
        {
            return NoBatches;
        }

        _othersHavePending = await _storage.OthersHavePendingAsync(cancellationToken);
        _nextPendingCheckAt = now + _storage.ClaimIdleMilliseconds;
        if (!_othersHavePending)
        {
            return NoBatches;
        }

        var claim = await _storage.ClaimIdleAsync(_claimCursor, count, cancellationToken);
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
        return await ToBatchesAsync(claim.ClaimedEntries, RedisStreamsMetrics.RedeliveryAfterClaim, cancellationToken);
    }

    /// <param name="redelivery">Why these entries are read again (a <see cref="RedisStreamsMetrics"/> reason), or null for new ones.</param>
    private async Task<IList<IBatchContainer>> ToBatchesAsync(StreamEntry[] entries, string? redelivery, CancellationToken cancellationToken)
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
                await _storage.RequeueAsync(entry.Id, payload, cancellationToken);
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
            await _storage.AcknowledgeAsync([.. discarded], cancellationToken);
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

    private async Task FlushAcknowledgementsAsync(CancellationToken cancellationToken)
    {
        if (_unacknowledged.Count == 0)
        {
            return;
        }

        var ids = _unacknowledged.Select(id => id.ToRedisValue()).ToArray();
        await _storage.AcknowledgeAsync(ids, cancellationToken);
        _unacknowledged.Clear();
        ReportBacklog();
        LogAcknowledged(_consumerName, _keyName, ids.Length);
    }

    /// <summary>
    /// Marks what this reader still holds as long idle, so the queue's next owner claims it at once instead of
    /// waiting <see cref="RedisStreamsOptions.ClaimIdleTime"/>. The entries stay pending (with this consumer)
    /// until then, so a crash right here loses nothing.
    /// </summary>
    private async Task ReleaseInFlightAsync(CancellationToken cancellationToken)
    {
        if (_inFlight.Count == 0)
        {
            return;
        }

        await _storage.ReleaseAsync(_inFlight, cancellationToken);
        LogReleased(_consumerName, _keyName, _inFlight.Count);
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Consumer} could not finish shutting down on {Key}; its unacknowledged entries will be claimed after ClaimIdleTime.")]
    private partial void LogShutdownIncomplete(Exception exception, string consumer, string key);
}
