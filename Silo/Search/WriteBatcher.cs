namespace Instagram.Silo.Search;

/// <summary>
/// Group commit for index writes from many grains at once: items submitted while a write is in flight wait and go
/// together in the next one (up to <paramref name="maxItems"/>), and each caller completes only when the write that
/// carried its items committed, or fails with it (so a stream event whose write failed is delivered again). A burst
/// of a thousand events costs a handful of transactions and one connection, not a thousand of each.
/// </summary>
internal sealed class WriteBatcher<T>(Func<IReadOnlyList<T>, Task> write, int maxItems = 1000)
{
    private readonly Lock _gate = new();
    private readonly Queue<(IReadOnlyList<T> Items, TaskCompletionSource Done)> _pending = new();
    private bool _writing;

    public Task SubmitAsync(IReadOnlyList<T> items)
    {
        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _pending.Enqueue((items, done));
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = Task.Run(WriteLoopAsync);
        }

        return done.Task;
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            var batch = new List<(IReadOnlyList<T> Items, TaskCompletionSource Done)>();
            lock (_gate)
            {
                var count = 0;
                while (_pending.TryPeek(out var next) && (batch.Count == 0 || count + next.Items.Count <= maxItems))
                {
                    batch.Add(_pending.Dequeue());
                    count += next.Items.Count;
                }

                if (batch.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }

            try
            {
                await write([.. batch.SelectMany(b => b.Items)]);
                batch.ForEach(b => b.Done.SetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(b => b.Done.SetException(ex));
            }
        }
    }
}
