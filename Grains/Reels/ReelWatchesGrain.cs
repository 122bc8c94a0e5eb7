using Instagram.Grains.Affinity;

namespace Instagram.Grains.Reels;

/// <summary>
/// One viewer's watches. Written through (one write per longer watch), since it is what makes a repeated watch count
/// once; bounded to the newest reels watched (ids are time-ordered), as only recent reels are recommended.
/// </summary>
internal sealed class ReelWatchesGrain(
    [PersistentState("reelwatches", ProviderNames.GrainStorage)] IPersistentState<ReelWatchesState> watches,
    ReelWatchTargets targets,
    IGrainFactory grains) : Grain, IReelWatchesGrain
{
    public const int MaxReels = 1_000;

    /// <summary>How far past a reel's length a reported watch may go (players report a little late).</summary>
    public const int SlackMs = 5_000;

    private long ViewerId => this.GetPrimaryKeyLong();

    public async Task RecordAsync(long reelId, int watchedMs)
    {
        if (watchedMs < 0)
        {
            throw DomainException.InvalidInput("watchedMs must not be negative.");
        }

        var (reel, video) = await targets.VisibleReelAsync(ViewerId, reelId);
        if (watchedMs > video.DurationMs + SlackMs)
        {
            throw DomainException.InvalidInput($"watchedMs must be at most the reel's length ({video.DurationMs} ms) plus {SlackMs} ms.");
        }

        var seen = watches.State.LongestMs.TryGetValue(reelId, out var previous);
        if (seen && watchedMs <= previous)
        {
            return; // the longest watch counts: a repeat or a shorter one changes nothing
        }

        watches.State.LongestMs[reelId] = watchedMs;
        if (watches.State.LongestMs.Count > MaxReels)
        {
            watches.State.LongestMs = watches.State.LongestMs.OrderByDescending(w => w.Key).Take(MaxReels * 3 / 4).ToDictionary();
        }

        await watches.WriteStateAsync();

        // Counted after the write, so a failed write counts nothing and the retry counts once.
        await grains.GetGrain<IReelWatchCollectorGrain>(0).RecordAsync(reelId, watchedMs - previous);
        if (IsLongWatch(watchedMs, video.DurationMs) && !(seen && IsLongWatch(previous, video.DurationMs)))
        {
            await grains.GetGrain<IAffinityGrain>(ViewerId).RecordAsync(reel.AuthorId, Interaction.ReelWatch, reel.Hashtags);
        }
    }

    public Task<long[]> GetWatchedAsync() => Task.FromResult(watches.State.LongestMs.Keys.ToArray());

    // Half the reel (or 15 s of a long one) says the viewer chose to keep watching rather than scrolled past.
    private static bool IsLongWatch(int watchedMs, int durationMs) => watchedMs > 0 && watchedMs >= Math.Min(durationMs / 2, 15_000);
}
