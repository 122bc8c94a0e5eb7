namespace Instagram.Grains.Stories;

/// <summary>Writes behind: a viewer flicking through fifty stories costs one write, not fifty.</summary>
internal sealed class StorySeenGrain(
    [PersistentState("seen", ProviderNames.GrainStorage)] IPersistentState<StorySeenState> seen,
    TimeProvider time) : Grain, IStorySeenGrain
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);
    private WriteBehind _writes = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = new WriteBehind(this, FlushInterval, WriteAsync);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync();

    public Task<bool> MarkSeenAsync(long storyId, DateTimeOffset expiresAt)
    {
        var fresh = seen.State.Seen.TryAdd(storyId, expiresAt);
        if (fresh)
        {
            _writes.MarkDirty();
        }

        return Task.FromResult(fresh);
    }

    public Task<bool[]> HaveSeenAsync(long[] storyIds) => Task.FromResult(storyIds.Select(seen.State.Seen.ContainsKey).ToArray());

    // Expired stories need no seen record any more: drop them before each write.
    private Task WriteAsync()
    {
        var now = time.GetUtcNow();
        foreach (var expired in seen.State.Seen.Where(s => s.Value <= now).Select(s => s.Key).ToArray())
        {
            seen.State.Seen.Remove(expired);
        }

        return seen.WriteStateAsync();
    }
}
