namespace Instagram.Grains.Common;

/// <summary>
/// Batches work submitted by interleaved grain calls into one flush at a time: every call submitted while a
/// flush runs joins the next one, and each call completes when the flush that carried it is durable. One
/// storage write then serves many callers, and no caller is told "done" before its item is stored.
/// </summary>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<TResult[]>> flush)
{
    private List<(TItem Item, TaskCompletionSource<TResult> Done)> _pending = [];
    // A flag, not the loop's task: a flush that completes synchronously ends the loop before SubmitAsync could store
    // its task, which would then look like a loop still running and nothing would flush again.
    private bool _flushing;

    public Task<TResult> SubmitAsync(TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((item, done));
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushLoopAsync();
        }

        return done.Task;
    }

    private async Task FlushLoopAsync()
    {
        while (_pending.Count > 0)
        {
            var batch = _pending;
            _pending = [];
            try
            {
                var results = await flush([.. batch.Select(p => p.Item)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, done) in batch)
                {
                    done.SetException(ex);
                }
            }
        }

        _flushing = false;
    }
}
