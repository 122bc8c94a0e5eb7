using Instagram.Grains.Abstractions;
using Instagram.Grains.Graph;
using Instagram.Grains.Messages;

namespace Instagram.Grains.Realtime;

/// <summary>
/// The registry of one user's hub connections. Connections live in memory only: every Api instance restates its
/// connections each heartbeat interval (<see cref="RefreshAsync"/>), so after a silo restart the registry knows them
/// again within one interval, and a crashed instance's connections expire. Contacts and the last activity are stored.
/// </summary>
internal sealed partial class UserRealtimeGrain(
    [PersistentState("realtime", ProviderNames.GrainStorage)] IPersistentState<UserRealtimeState> state,
    IGrainFactory grains,
    IPushNotificationSender push,
    IOptions<RealtimeOptions> options,
    TimeProvider time,
    ILogger<UserRealtimeGrain> logger) : Grain, IUserRealtimeGrain
{
    private readonly Dictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<long, PendingPush> _pendingPushes = [];
    private readonly Dictionary<GrainId, Task> _instanceTails = [];
    private IGrainTimer? _sweep;
    private bool _online;
    private bool _lastActiveUnsaved;

    private long UserId => this.GetPrimaryKeyLong();

    private RealtimeOptions Options => options.Value;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Pushes still inside their coalescing window leave now rather than never.
        await Task.WhenAll(_pendingPushes.Keys.ToArray().Select(SendPendingPushAsync));
        if (_lastActiveUnsaved)
        {
            await SaveAsync();
        }
    }

    public Task DeliverAsync(RealtimeEvent realtimeEvent)
    {
        var now = time.GetUtcNow();
        if (realtimeEvent is MessageEvent { Message.SenderId: var senderId } && senderId == UserId)
        {
            MarkActive(now); // sending a message is activity, whichever device it came from
        }

        ExpireConnections(now);
        if (_connections.Count == 0)
        {
            if (realtimeEvent is MessageEvent message && message.Message.SenderId != UserId)
            {
                QueuePush(message);
            }

            return Task.CompletedTask;
        }

        foreach (var instance in _connections.Values.GroupBy(c => c.InstanceId))
        {
            // Not awaited: a slow or vanished Api instance must not hold up the caller (a conversation) or this
            // registry. Orleans does not keep one-way order between two calls in flight, so each instance's calls
            // are chained: the next leaves when the previous has answered, and a device sees seq 1, 2, 3 in order.
            var previous = _instanceTails.GetValueOrDefault(instance.Key, Task.CompletedTask);
            _instanceTails[instance.Key] = ForwardAfterAsync(previous, instance.Key, instance.First().Observer, [.. instance.Select(c => c.Id)], realtimeEvent);
        }

        return Task.CompletedTask;
    }

    public async Task AddContactsAsync(long[] userIds)
    {
        var added = false;
        foreach (var id in userIds)
        {
            added |= id != UserId && state.State.Contacts.Add(id);
        }

        if (added)
        {
            await SaveAsync();
        }
    }

    public Task HeartbeatAsync(IRealtimeObserver instance, string connectionId)
    {
        var now = time.GetUtcNow();
        if (!_connections.ContainsKey(connectionId))
        {
            // A device is back: whatever was waiting to be pushed it now reads itself.
            foreach (var conversationId in _pendingPushes.Keys.ToArray())
            {
                _pendingPushes.Remove(conversationId, out var pending);
                pending!.Timer.Dispose();
            }
        }

        Register(instance, connectionId, now, now);
        MarkActive(now);
        return UpdatePresenceAsync(now);
    }

    public Task DisconnectAsync(string connectionId)
    {
        _connections.Remove(connectionId);
        return UpdatePresenceAsync(time.GetUtcNow());
    }

    public Task RefreshAsync(IRealtimeObserver instance, LiveConnection[] connections)
    {
        var now = time.GetUtcNow();
        foreach (var connection in connections)
        {
            Register(instance, connection.ConnectionId, now, connection.LastHeartbeatAt);
        }

        return UpdatePresenceAsync(now);
    }

    public async Task<PresenceView?> GetPresenceAsync(long viewerId)
    {
        if (viewerId != UserId && (!state.State.Contacts.Contains(viewerId) || await grains.IsBlockedEitherWayAsync(UserId, viewerId)))
        {
            return null;
        }

        var now = time.GetUtcNow();
        ExpireConnections(now);
        return new PresenceView(IsOnline(now), state.State.LastActiveAt);
    }

    public Task<bool> IsConnectedAsync()
    {
        ExpireConnections(time.GetUtcNow());
        return Task.FromResult(_connections.Count > 0);
    }

    private void Register(IRealtimeObserver instance, string connectionId, DateTimeOffset now, DateTimeOffset heartbeatAt)
    {
        if (_connections.TryGetValue(connectionId, out var known))
        {
            known.RefreshedAt = now;
            known.HeartbeatAt = heartbeatAt > known.HeartbeatAt ? heartbeatAt : known.HeartbeatAt;
            return;
        }

        _connections[connectionId] = new Connection(connectionId, instance.GetGrainId(), instance) { RefreshedAt = now, HeartbeatAt = heartbeatAt };
        // Checks for missed heartbeats and expired connections while any are registered; stopped when none are left.
        _sweep ??= this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(Options.HeartbeatInterval / 2, Options.HeartbeatInterval / 2));
    }

    private Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        ExpireConnections(now);
        return UpdatePresenceAsync(now);
    }

    private void ExpireConnections(DateTimeOffset now)
    {
        var timeout = Options.EffectiveConnectionTimeout;
        foreach (var stale in _connections.Values.Where(c => now - c.RefreshedAt > timeout).ToArray())
        {
            _connections.Remove(stale.Id);
        }

        foreach (var (instanceId, tail) in _instanceTails.ToArray())
        {
            if (tail.IsCompleted && !_connections.Values.Any(c => c.InstanceId == instanceId))
            {
                _instanceTails.Remove(instanceId); // an instance this user has left: its chain ends
            }
        }
    }

    private bool IsOnline(DateTimeOffset now) => _connections.Values.Any(c => now - c.HeartbeatAt < Options.OfflineAfter);

    private void MarkActive(DateTimeOffset now)
    {
        state.State.LastActiveAt = now;
        _lastActiveUnsaved = true;
    }

    /// <summary>Tells the contacts when the user goes online or offline (not on every heartbeat).</summary>
    private async Task UpdatePresenceAsync(DateTimeOffset now)
    {
        if (_connections.Count == 0 && _sweep is not null)
        {
            _sweep.Dispose();
            _sweep = null;
        }

        var online = IsOnline(now);
        if (online == _online)
        {
            return;
        }

        _online = online;
        if (!online && _lastActiveUnsaved)
        {
            await SaveAsync(); // the last activity is what "last active" shows from now on, also after a restart
        }

        if (state.State.Contacts.Count == 0)
        {
            return;
        }

        var excluded = (await grains.GetGrain<IBlocksGrain>(UserId).GetExcludedAsync()).ToHashSet();
        var change = new PresenceEvent(UserId, online, state.State.LastActiveAt);
        foreach (var contact in state.State.Contacts.Where(c => !excluded.Contains(c)))
        {
            // Not awaited: two contacts changing at once would otherwise each wait for the other's registry.
            _ = TellContactAsync(contact, change);
        }
    }

    private async Task TellContactAsync(long contactId, PresenceEvent change)
    {
        try
        {
            await grains.GetGrain<IUserRealtimeGrain>(contactId).DeliverAsync(change);
        }
        catch (Exception exception)
        {
            LogContactFailed(exception, UserId, contactId);
        }
    }

    private async Task ForwardAfterAsync(Task previous, GrainId instanceId, IRealtimeObserver observer, string[] connectionIds, RealtimeEvent realtimeEvent)
    {
        await previous; // never faults: failures are handled below
        try
        {
            RealtimeMetrics.EventsRouted.Add(1);
            await observer.PushAsync(connectionIds, realtimeEvent);
        }
        catch (Exception exception)
        {
            // The instance is gone (or too slow to answer): forget its connections. If it is alive after all, its next
            // restatement registers them again within a heartbeat interval.
            LogInstanceFailed(exception, UserId, instanceId);
            foreach (var id in connectionIds)
            {
                if (_connections.TryGetValue(id, out var connection) && connection.InstanceId == instanceId)
                {
                    _connections.Remove(id);
                }
            }

            await UpdatePresenceAsync(time.GetUtcNow());
        }
    }

    private void QueuePush(MessageEvent message)
    {
        if (_pendingPushes.TryGetValue(message.ConversationId, out var pending))
        {
            pending.Count++;
            pending.Latest = message.Message.Seq >= pending.Latest.Seq ? message.Message : pending.Latest;
            return;
        }

        var conversationId = message.ConversationId;
        var timer = this.RegisterGrainTimer(_ => SendPendingPushAsync(conversationId),
            new GrainTimerCreationOptions(Options.PushCoalescingWindow, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        _pendingPushes[conversationId] = new PendingPush(timer) { Count = 1, Latest = message.Message };
    }

    private async Task SendPendingPushAsync(long conversationId)
    {
        if (!_pendingPushes.Remove(conversationId, out var pending))
        {
            return;
        }

        pending.Timer.Dispose();
        try
        {
            await push.SendMessagesAsync(UserId, conversationId, pending.Count, pending.Latest);
            RealtimeMetrics.PushesSent.Add(1);
        }
        catch (Exception exception)
        {
            LogPushFailed(exception, UserId, conversationId);
        }
    }

    private Task SaveAsync()
    {
        _lastActiveUnsaved = false;
        return state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Realtime: user {UserId}'s Api instance {InstanceId} did not take an event; its connections are dropped until it restates them")]
    private partial void LogInstanceFailed(Exception exception, long userId, GrainId instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Realtime: user {UserId}'s presence change did not reach contact {ContactId}")]
    private partial void LogContactFailed(Exception exception, long userId, long contactId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Realtime: the push to user {UserId} for conversation {ConversationId} failed")]
    private partial void LogPushFailed(Exception exception, long userId, long conversationId);

    private sealed record Connection(string Id, GrainId InstanceId, IRealtimeObserver Observer)
    {
        public DateTimeOffset RefreshedAt { get; set; }
        public DateTimeOffset HeartbeatAt { get; set; }
    }

    private sealed class PendingPush(IGrainTimer timer)
    {
        public IGrainTimer Timer { get; } = timer;
        public int Count { get; set; }
        public required MessageView Latest { get; set; }
    }
}
