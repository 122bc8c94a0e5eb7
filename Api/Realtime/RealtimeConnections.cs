using System.Collections.Concurrent;
using Instagram.Grains.Realtime;

namespace Instagram.Api.Realtime;

/// <summary>
/// This Api instance's hub connections and its one grain observer. Every connection is registered with its user's
/// registry grain under the observer, so the registry can reach it; <see cref="RestateAsync"/> repeats that for all
/// of them each heartbeat interval, which is what makes a registry that lost its memory (a silo restart) whole again.
/// </summary>
public sealed partial class RealtimeConnections(
    IGrainFactory grains,
    RealtimeObserver observer,
    TimeProvider time,
    IOptions<RealtimeOptions> options,
    ILogger<RealtimeConnections> logger)
{
    private readonly ConcurrentDictionary<string, LocalConnection> _connections = new(StringComparer.Ordinal);
    private readonly Lock _referenceLock = new();
    private IRealtimeObserver? _reference;

    /// <summary>
    /// The reference the registries call. Created once: the runtime holds the observer only weakly, and this singleton
    /// keeps it alive for the life of the instance.
    /// </summary>
    private IRealtimeObserver Reference
    {
        get
        {
            lock (_referenceLock)
            {
                return _reference ??= grains.CreateObjectReference<IRealtimeObserver>(observer);
            }
        }
    }

    public async Task OpenAsync(long userId, string connectionId)
    {
        _connections[connectionId] = new LocalConnection(userId) { LastHeartbeatAt = time.GetUtcNow() };
        RealtimeMetrics.Connections.Add(1);
        await Registry(userId).HeartbeatAsync(Reference, connectionId);
    }

    public async Task CloseAsync(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection))
        {
            RealtimeMetrics.Connections.Add(-1);
            await Registry(connection.UserId).DisconnectAsync(connectionId);
        }
    }

    public async Task HeartbeatAsync(string connectionId)
    {
        if (_connections.TryGetValue(connectionId, out var connection))
        {
            connection.LastHeartbeatAt = time.GetUtcNow();
            await Registry(connection.UserId).HeartbeatAsync(Reference, connectionId);
        }
    }

    /// <summary>Restates every connection to its user's registry, one call per user, a bounded number at a time.</summary>
    public async Task RestateAsync(CancellationToken cancellationToken)
    {
        var byUser = _connections.ToArray().GroupBy(c => c.Value.UserId,
            c => new LiveConnection(c.Key, c.Value.LastHeartbeatAt));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(byUser, parallel, async (user, _) =>
        {
            try
            {
                await Registry(user.Key).RefreshAsync(Reference, [.. user]);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRestateFailed(exception, user.Key);
            }
        });
    }

    public TimeSpan RestateInterval => options.Value.HeartbeatInterval;

    private IUserRealtimeGrain Registry(long userId) => grains.GetGrain<IUserRealtimeGrain>(userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Realtime: could not restate user {UserId}'s connections; the next interval tries again")]
    private partial void LogRestateFailed(Exception exception, long userId);

    private sealed class LocalConnection(long userId)
    {
        public long UserId { get; } = userId;

        public DateTimeOffset LastHeartbeatAt { get; set; }
    }
}
