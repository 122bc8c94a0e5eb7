namespace Instagram.Grains.Moderation;

/// <summary>One user's muted words (key = user id). Read paths load them through the silo's cache, once per request.</summary>
[Alias("Instagram.Grains.Moderation.IMutedWordsGrain")]
public interface IMutedWordsGrain : IGrainWithIntegerKey
{
    [AlwaysInterleave, Alias("GetAsync")] Task<MutedWords> GetAsync();

    /// <summary>Replaces the list (<see cref="MutedWords.Parse"/>); an invalid list is refused whole and changes nothing.</summary>
    [Alias("ReplaceAsync")] Task<MutedWords> ReplaceAsync(string?[] words);
}
