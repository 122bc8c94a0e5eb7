namespace Instagram.Grains.Common;

/// <summary>
/// The shape of the per-silo collectors (trending changes, reel watch time): callers add to a local buffer, and a timer
/// hands it on once per <see cref="FlushInterval"/>, so a hot item costs its target one call per interval per silo
/// instead of one per use. What is buffered is flushed on deactivation too, unless no silo is left to receive it.
/// </summary>
internal abstract class CollectorGrain(LastSiloStopping lastSilo) : Grain
{
    protected abstract TimeSpan FlushInterval { get; }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(static (grain, _) => grain.FlushAsync(), this, new GrainTimerCreationOptions(FlushInterval, FlushInterval));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        lastSilo.IsTrue ? Task.CompletedTask : FlushAsync();

    /// <summary>Hands the buffer on (and starts a new one); nothing to do when it is empty.</summary>
    protected abstract Task FlushAsync();
}
