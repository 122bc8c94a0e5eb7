using System.Collections.Concurrent;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// Counts feed deliveries of ours without reading any feed: for every user it knows how many pushed items the posts
/// of this run should bring (the followers of each post's author) and samples <c>IFeedGrain.GetDiagnosticsAsync()
/// .PushedItemsReceived</c> of the users still waiting, a few times a second. Delivered = the sum over users of
/// min(received, expected); outstanding = expected - delivered. Cheap enough to run throughout a fan-out test.
/// </summary>
public sealed class DeliveryTracker(ISystemUnderTest system, long[] userIds)
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    private readonly long[] _baseline = new long[userIds.Length];
    private readonly long[] _expected = new long[userIds.Length];
    private readonly long[] _received = new long[userIds.Length];
    private readonly ConcurrentDictionary<int, byte> _waiting = new();
    private long _expectedTotal;
    private long _delivered;
    private long _sampleErrors;

    public long ExpectedTotal => Interlocked.Read(ref _expectedTotal);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Outstanding => ExpectedTotal - Delivered;

    public long SampleErrors => Interlocked.Read(ref _sampleErrors);

    /// <summary>Reads every user's counter once, as the zero point.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        (await system.PushedItemsAsync(userIds, cancellationToken)).CopyTo(_baseline, 0);

    /// <summary>A post by an author these users follow was published: each should receive one more item.</summary>
    public void Expect(int[] followers)
    {
        foreach (var f in followers)
        {
            Interlocked.Increment(ref _expected[f]);
            _waiting.TryAdd(f, 0);
        }

        Interlocked.Add(ref _expectedTotal, followers.Length);
    }

    /// <summary>Samples the users still waiting, until cancelled; each sample updates <see cref="Delivered"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await SampleAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Waits (sampling) until nothing is outstanding or <paramref name="limit"/> passes; returns how long it took.</summary>
    public async Task<TimeSpan> DrainAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Outstanding > 0 && Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.Delay(SampleInterval / 5, cancellationToken);
            await SampleAsync(cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private readonly SemaphoreSlim _sampling = new(1, 1);

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        await _sampling.WaitAsync(cancellationToken);
        try
        {
            var users = _waiting.Keys.ToArray();
            long[] counts;
            try
            {
                counts = await system.PushedItemsAsync([.. users.Select(f => userIds[f])], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref _sampleErrors);
                return; // sampled again next tick
            }

            for (var i = 0; i < users.Length; i++)
            {
                var f = users[i];
                var received = counts[i] - _baseline[f];
                Volatile.Write(ref _received[f], received);
                if (received >= Volatile.Read(ref _expected[f]))
                {
                    _waiting.TryRemove(f, out _);
                    if (Volatile.Read(ref _expected[f]) > received)
                    {
                        _waiting.TryAdd(f, 0); // a new post arrived for this user meanwhile
                    }
                }
            }

            long delivered = 0;
            for (var i = 0; i < _expected.Length; i++)
            {
                delivered += Math.Min(Volatile.Read(ref _received[i]), Volatile.Read(ref _expected[i]));
            }

            Interlocked.Exchange(ref _delivered, delivered);
        }
        finally
        {
            _sampling.Release();
        }
    }
}
