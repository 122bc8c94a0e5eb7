namespace Instagram.Grains.Discovery;

/// <summary>One window's tag uses. Writes behind every few seconds: trending is derived data.</summary>
internal sealed class TrendingGrain(
    [PersistentState("trending", ProviderNames.GrainStorage)] IPersistentState<TrendingState> trending,
    TimeProvider time) : Grain, ITrendingGrain
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    private WriteBehind _writes = null!;

    private TimeSpan Window => TrendingWindows.All.TryGetValue(this.GetPrimaryKeyString(), out var window)
        ? window
        : throw DomainException.InvalidInput("window must be 1h, 24h or 7d.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = new WriteBehind(this, FlushInterval, WriteAsync);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync();

    public Task AddUsesAsync(HashtagUse[] uses)
    {
        foreach (var use in uses)
        {
            if (!trending.State.Uses.TryGetValue(use.Tag, out var accounts))
            {
                trending.State.Uses[use.Tag] = accounts = [];
            }

            // One count per account per window: a repeat only refreshes when the account last used the tag.
            if (!accounts.TryGetValue(use.AccountId, out var last) || last < use.At)
            {
                accounts[use.AccountId] = use.At;
            }
        }

        _writes.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<TrendingTag[]> GetTopAsync(int count)
    {
        var now = time.GetUtcNow();
        var window = Window;
        return Task.FromResult(trending.State.Uses
            .Select(tag => new TrendingTag(tag.Key, TrendingScore.Of(tag.Value.Values, now, window), tag.Value.Values.Count(at => now - at < window)))
            .Where(tag => tag.Accounts > 0)
            .OrderByDescending(tag => tag.Score)
            .ThenBy(tag => tag.Tag, StringComparer.Ordinal)
            .Take(count)
            .ToArray());
    }

    private Task WriteAsync()
    {
        // Forget what fell out of the window before writing.
        var now = time.GetUtcNow();
        var window = Window;
        foreach (var (tag, accounts) in trending.State.Uses.ToArray())
        {
            foreach (var stale in accounts.Where(a => now - a.Value >= window).Select(a => a.Key).ToArray())
            {
                accounts.Remove(stale);
            }

            if (accounts.Count == 0)
            {
                trending.State.Uses.Remove(tag);
            }
        }

        return trending.WriteStateAsync();
    }
}
