namespace Instagram.Grains.Stories;

/// <summary>Writes behind: a viewer flicking through fifty stories costs one write, not fifty.</summary>
internal sealed class StorySeenGrain(
    [PersistentState("seen", ProviderNames.GrainStorage)] IPersistentState<StorySeenState> seen,
    TimeProvider time) : Grain, IStorySeenGrain
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(static (grain, _) => grain.FlushAsync(), this, new GrainTimerCreationOptions(FlushInterval, FlushInterval));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync();

    public Task<bool> MarkSeenAsync(long storyId, DateTimeOffset expiresAt)
    {
        var fresh = seen.State.Seen.TryAdd(storyId, expiresAt);
        _dirty |= fresh;
        return Task.FromResult(fresh);
    }

    public Task<bool[]> HaveSeenAsync(long[] storyIds) => Task.FromResult(storyIds.Select(seen.State.Seen.ContainsKey).ToArray());

    private async Task FlushAsync()
    {
        if (!_dirty)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var expired in seen.State.Seen.Where(s => s.Value <= now).Select(s => s.Key).ToArray())
        {
            seen.State.Seen.Remove(expired);
        }

        _dirty = false;
        await seen.WriteStateAsync();
    }
}
