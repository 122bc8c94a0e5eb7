namespace Instagram.LoadTest.Measurement;

/// <summary>
/// A closed loop: <c>concurrency</c> workers each run one iteration after another until the time limit passes or the
/// shared iteration budget is spent, whichever comes first. Both bounds always apply, so every loop stops by itself.
/// </summary>
public static class LoadLoop
{
    public static async Task<TimeSpan> RunAsync(int concurrency, TimeSpan timeLimit, long? count, Func<int, CancellationToken, Task> iteration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeLimit, TimeSpan.FromSeconds(RunOptions.Bounds.MaxDurationSeconds));
        using var stop = new CancellationTokenSource(timeLimit);
        var started = Stopwatch.GetTimestamp();
        long issued = 0;
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (count is { } budget && Interlocked.Increment(ref issued) > budget)
                {
                    break;
                }

                await iteration(worker, stop.Token);
            }
        }));
        await Task.WhenAll(workers);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Runs <paramref name="action"/> over <paramref name="items"/> with bounded parallelism, reporting progress once a second.</summary>
    public static async Task ForEachAsync<T>(IReadOnlyList<T> items, int parallelism, string label, Func<T, CancellationToken, Task> action,
        TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);
        long done = 0;
        var started = Stopwatch.GetTimestamp();
        using var progress = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var printer = Task.Run(async () =>
        {
            try
            {
                while (await progress.WaitForNextTickAsync(limit.Token))
                {
                    PrintProgress(label, Interlocked.Read(ref done), items.Count, started, final: false);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        try
        {
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = limit.Token }, async (item, ct) =>
            {
                await action(item, ct);
                Interlocked.Increment(ref done);
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{label}: only {Interlocked.Read(ref done):N0} of {items.Count:N0} done within {timeLimit.TotalSeconds:N0} s.");
        }
        finally
        {
            progress.Dispose();
            await printer;
        }

        PrintProgress(label, done, items.Count, started, final: true);
    }

    private static void PrintProgress(string label, long done, int total, long started, bool final)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  seed {label,-8} {done,9:N0}/{total:N0}  {done / Math.Max(seconds, 0.001),8:N0}/s  {seconds,5:F1}s");
        if (Console.IsOutputRedirected || final)
        {
            Console.WriteLine(Console.IsOutputRedirected ? line : "\r" + line);
        }
        else
        {
            Console.Write("\r" + line);
        }
    }
}
