namespace Instagram.LoadTest.Measurement;

/// <summary>
/// Once a second: prints a progress line (ops/s, errors, p99 so far) and keeps a timeline point per second for the
/// report's throughput chart. Stops when disposed.
/// </summary>
public sealed class ProgressTicker : IAsyncDisposable
{
    /// <summary>Rate series name meaning "all operations together".</summary>
    public const string AllOps = "all";

    private readonly string _label;
    private readonly Recorder _recorder;
    private readonly string _rateSeries;
    private readonly string _latencyOp;
    private readonly ResourceSampler _sampler;
    private readonly Func<string>? _extra;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly List<TimelinePoint> _timeline = [];
    private Dictionary<string, long> _lastOps = [];
    private Dictionary<string, long> _lastCounters = [];
    private long _lastErrors;
    private long _lastTick;

    /// <param name="rateSeries">The operation or counter whose rate the progress line shows.</param>
    /// <param name="latencyOp">The operation whose p99 so far the progress line shows.</param>
    public ProgressTicker(string label, Recorder recorder, string rateSeries, string latencyOp, ResourceSampler sampler, Func<string>? extra = null)
    {
        _label = label;
        _recorder = recorder;
        _rateSeries = rateSeries;
        _latencyOp = latencyOp;
        _sampler = sampler;
        _extra = extra;
        _lastTick = _started;
        _loop = RunAsync();
    }

    public IReadOnlyList<TimelinePoint> Timeline => _timeline;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        Tick(final: true);
        if (!Console.IsOutputRedirected)
        {
            Console.WriteLine();
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            Tick(final: false);
        }
    }

    private void Tick(bool final)
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = Stopwatch.GetElapsedTime(_lastTick, now).TotalSeconds;
        if (final && seconds < 0.2)
        {
            return; // nothing worth a point since the last tick
        }

        _lastTick = now;
        _sampler.Sample();
        var ops = _recorder.Ops.ToDictionary(o => o.Name, o => o.Count);
        var counters = _recorder.Counters.ToDictionary(c => c.Key, c => c.Value);
        var series = new Dictionary<string, double>();
        foreach (var (name, count) in ops)
        {
            series[name] = (count - _lastOps.GetValueOrDefault(name)) / seconds;
        }

        foreach (var (name, count) in counters)
        {
            series[name] = (count - _lastCounters.GetValueOrDefault(name)) / seconds;
        }

        var errors = _recorder.TotalErrors;
        var total = ops.Values.Sum() - _lastOps.Values.Sum();
        var p99 = _recorder.TryGetOp(_latencyOp)?.PercentileMs(99) ?? 0;
        var point = new TimelinePoint(
            Math.Round(Stopwatch.GetElapsedTime(_started, now).TotalSeconds, 2),
            total / seconds,
            series,
            errors - _lastErrors,
            p99);
        _timeline.Add(point);
        _lastOps = ops;
        _lastCounters = counters;
        _lastErrors = errors;

        var line = string.Create(CultureInfo.InvariantCulture,
            $"  [{_label}] {point.Second,5:F0}s  {(_rateSeries == AllOps ? point.OpsPerSecond : series.GetValueOrDefault(_rateSeries)),9:N0} {(_rateSeries == AllOps ? "ops" : _rateSeries)}/s  ops {ops.Values.Sum(),9:N0}  errors {errors:N0}  {_latencyOp} p99 so far {p99:N2} ms{_extra?.Invoke()}");
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine(line);
        }
        else
        {
            Console.Write("\r" + line.PadRight(Math.Max(0, Console.WindowWidth - 1)));
        }
    }
}

/// <summary>One second of a run: all operations per second, each operation's and counter's own rate, errors in that second, p99 so far.</summary>
public sealed record TimelinePoint(double Second, double OpsPerSecond, IReadOnlyDictionary<string, double> Series, long Errors, double P99SoFarMs);
