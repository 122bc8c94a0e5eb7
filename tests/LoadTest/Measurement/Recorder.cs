using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Measurement;

/// <summary>
/// Collects what one system did in one scenario: per-operation latency histograms and errors by kind, plus named
/// counters (e.g. feed deliveries) that the progress ticker turns into per-second rates.
/// </summary>
public sealed class Recorder
{
    /// <summary>No single operation may take longer than this; past it, it counts as a "timeout" error.</summary>
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, OpStats> _ops = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new();

    /// <summary>False during warm-up: operations run but nothing is kept.</summary>
    public bool Enabled { get; set; } = true;

    public IReadOnlyCollection<OpStats> Ops => [.. _ops.Values.OrderBy(o => o.Name, StringComparer.Ordinal)];

    public long TotalCount => _ops.Values.Sum(o => o.Count);

    public long TotalErrors => _ops.Values.Sum(o => o.ErrorCount);

    public OpStats Op(string name) => _ops.GetOrAdd(name, n => new OpStats(n));

    public OpStats? TryGetOp(string name) => _ops.TryGetValue(name, out var op) ? op : null;

    public IReadOnlyDictionary<string, long> Counters => _counters.ToDictionary(c => c.Key, c => Interlocked.Read(ref c.Value.Value));

    public void Add(string counter, long amount)
    {
        if (Enabled)
        {
            Interlocked.Add(ref _counters.GetOrAdd(counter, _ => new StrongBox<long>()).Value, amount);
        }
    }

    /// <summary>Runs and times one operation; a failure is counted by kind and returns default instead of throwing.</summary>
    public async Task<(bool Ok, T? Value)> MeasureAsync<T>(string op, Func<CancellationToken, Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = new CancellationTokenSource(OperationTimeout);
            var value = await action(timeout.Token).WaitAsync(OperationTimeout);
            if (Enabled)
            {
                Op(op).Record(Stopwatch.GetElapsedTime(started));
            }

            return (true, value);
        }
        catch (Exception ex)
        {
            if (Enabled)
            {
                Op(op).RecordError(KindOf(ex));
            }

            return (false, default);
        }
    }

    public async Task<bool> MeasureAsync(string op, Func<CancellationToken, Task> action) =>
        (await MeasureAsync<bool>(op, async ct =>
        {
            await action(ct);
            return true;
        })).Ok;

    /// <summary>Records an interval measured by the caller (e.g. publish-to-delivery).</summary>
    public void RecordInterval(string op, TimeSpan elapsed)
    {
        if (Enabled)
        {
            Op(op).Record(elapsed);
        }
    }

    public void RecordError(string op, string kind)
    {
        if (Enabled)
        {
            Op(op).RecordError(kind);
        }
    }

    public static string KindOf(Exception ex) => ex switch
    {
        TimeoutException or TaskCanceledException or OperationCanceledException => "timeout",
        HttpStatusException http => $"HTTP {http.Status}",
        HttpRequestException { InnerException: SocketException socket } => $"socket {socket.SocketErrorCode}",
        HttpRequestException => "http connection",
        Instagram.Grains.Common.Errors.DomainException domain => $"domain {domain.Kind}",
        AggregateException { InnerException: { } inner } => KindOf(inner),
        _ => ex.GetType().Name,
    };
}
