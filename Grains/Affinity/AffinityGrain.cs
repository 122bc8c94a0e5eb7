namespace Instagram.Grains.Affinity;

/// <summary>Interaction scores per author. Writes behind: losing a few seconds of score on a crash only nudges a ranking.</summary>
internal sealed class AffinityGrain(
    [PersistentState("affinity", ProviderNames.GrainStorage)] IPersistentState<AffinityState> affinity) : Grain, IAffinityGrain
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    private WriteBehind _writes = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = new WriteBehind(this, FlushInterval, () => affinity.WriteStateAsync());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync();

    private const int MaxTags = 500;

    public Task RecordAsync(long authorId, Interaction interaction, string[] hashtags)
    {
        var weight = interaction switch { Interaction.Comment => 3.0, Interaction.ReelWatch => 2.0, Interaction.Like => 1.0, _ => 0.5 };
        affinity.State.Scores[authorId] = affinity.State.Scores.GetValueOrDefault(authorId) + weight;
        foreach (var tag in hashtags)
        {
            affinity.State.TagScores[tag] = affinity.State.TagScores.GetValueOrDefault(tag) + weight;
        }

        // Keep the strongest tags only, so the record stays small for very active users.
        if (affinity.State.TagScores.Count > MaxTags)
        {
            affinity.State.TagScores = affinity.State.TagScores.OrderByDescending(t => t.Value).Take(MaxTags / 2).ToDictionary();
        }

        _writes.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<double[]> GetTagScoresAsync(string[] hashtags) =>
        Task.FromResult(hashtags.Select(tag => affinity.State.TagScores.GetValueOrDefault(tag)).ToArray());

    public Task<double[]> GetScoresAsync(long[] authorIds) =>
        Task.FromResult(authorIds.Select(id => affinity.State.Scores.GetValueOrDefault(id)).ToArray());
}
