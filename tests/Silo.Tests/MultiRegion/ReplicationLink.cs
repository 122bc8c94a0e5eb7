using System.Collections.Concurrent;

namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>
/// The replication consumer's sending side between two regions, simulated: it drains the source region's outbox and
/// applies each change to the target region through its grains, after an injected delay, losing messages and
/// acknowledgements at the configured rates and retrying until a change is acknowledged (at-least-once). It models
/// the link's timing and failures, not a real WAN: no bandwidth limit, no partition longer than the retries.
/// </summary>
public sealed class ReplicationLink(Region source, Region target, LinkFaults faults, int seed) : IAsyncDisposable
{
    private readonly Random _random = new(seed);
    private readonly Lock _randomGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _deliveries = [];
    private readonly ConcurrentDictionary<(ReplicationKind, long, long), DateTimeOffset> _firstApplied = new();
    private Task? _pump;
    private int _messagesLost;
    private int _acksLost;
    private int _applications;
    private int _failures;

    public int MessagesLost => _messagesLost;

    public int AcksLost => _acksLost;

    /// <summary>Times a change was applied to the target, repeats included (a lost acknowledgement makes one).</summary>
    public int Applications => _applications;

    /// <summary>Changes the link gave up on after <see cref="LinkFaults.MaxAttempts"/>; must stay 0.</summary>
    public int Failures => _failures;

    public void Start() => _pump = Task.Run(async () =>
    {
        await foreach (var change in ReplicationHub.Outbox(source.Name).ReadAllAsync(_stop.Token))
        {
            _deliveries.Add(DeliverAsync(change));
        }
    });

    /// <summary>When the change was first applied in the target region, if it has been.</summary>
    public DateTimeOffset? AppliedAt(ReplicationKind kind, long id, long otherId) =>
        _firstApplied.TryGetValue((kind, id, otherId), out var at) ? at : null;

    private async Task DeliverAsync(ReplicationEvent change)
    {
        for (var attempt = 1; attempt <= faults.MaxAttempts && !_stop.IsCancellationRequested; attempt++)
        {
            await Task.Delay(Delay());
            if (Chance(faults.MessageLoss))
            {
                Interlocked.Increment(ref _messagesLost);
                await Task.Delay(faults.RetryAfter);
                continue;
            }

            try
            {
                await ApplyAsync(change);
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                await Task.Delay(faults.RetryAfter); // the target refused (e.g. busy): the sender tries again
                continue;
            }

            Interlocked.Increment(ref _applications);
            _firstApplied.TryAdd((change.Kind, change.Id, change.OtherId), DateTimeOffset.UtcNow);
            if (!Chance(faults.AckLoss))
            {
                return;
            }

            Interlocked.Increment(ref _acksLost);
            await Task.Delay(Delay() + faults.RetryAfter); // no acknowledgement came back: the sender sends it again
        }

        Interlocked.Increment(ref _failures);
    }

    private Task ApplyAsync(ReplicationEvent change) => change.Kind switch
    {
        ReplicationKind.PostPublished => target.ApplyPostAsync(change.Id, change.OtherId, change.Caption),
        ReplicationKind.Follow => target.FollowAsync(change.Id, change.OtherId),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown change"),
    };

    private TimeSpan Delay()
    {
        lock (_randomGate)
        {
            return faults.MinDelay + ((faults.MaxDelay - faults.MinDelay) * _random.NextDouble());
        }
    }

    private bool Chance(double probability)
    {
        lock (_randomGate)
        {
            return _random.NextDouble() < probability;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await (_pump ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
            // stopped while waiting for the next change
        }

        await Task.WhenAll(_deliveries);
        _stop.Dispose();
    }
}
