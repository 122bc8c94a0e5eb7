using Instagram.Grains.Posts;

namespace Instagram.Grains.Moderation;

internal sealed class MutedWordsGrain(
    [PersistentState("mutedWords", ProviderNames.GrainStorage)] IPersistentState<MutedWordsState> muted,
    HydrationCache cache) : Grain, IMutedWordsGrain
{
    private MutedWords? _current;

    public Task<MutedWords> GetAsync() => Task.FromResult(_current ??= new MutedWords(muted.State.Words));

    public async Task<MutedWords> ReplaceAsync(string?[] words)
    {
        var parsed = MutedWords.Parse(words); // throws before anything is written
        if (!parsed.Words.SequenceEqual(muted.State.Words, StringComparer.Ordinal))
        {
            muted.State.Words = parsed.Words;
            await muted.WriteStateAsync();
            // This silo's read paths filter with the new list at once, other silos' within the cache lifetime.
            cache.MutedWords.Evict(this.GetPrimaryKeyLong());
        }

        _current = parsed;
        return parsed;
    }
}
