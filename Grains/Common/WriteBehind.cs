namespace Instagram.Grains.Common;

/// <summary>
/// Writes a grain's state behind: changes only mark it dirty, a grain timer writes at most once per interval, and
/// deactivation writes what is left. For derived or best-effort state (seen stories, affinity, trending,
/// notifications) where one write serving many changes matters more than the last second before a crash.
/// Create it in OnActivateAsync (the timer belongs to the activation).
/// </summary>
internal sealed class WriteBehind
{
    private readonly Func<Task> _write;
    private bool _dirty;

    public WriteBehind(Grain grain, TimeSpan interval, Func<Task> write)
    {
        _write = write;
        grain.RegisterGrainTimer(_ => FlushAsync(), new GrainTimerCreationOptions(interval, interval));
    }

    public void MarkDirty() => _dirty = true;

    public async Task FlushAsync()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        await _write();
    }
}
