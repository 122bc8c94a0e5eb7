namespace Instagram.Grains.Discovery;

/// <summary>
/// One trending window ("1h", "24h", "7d"). Fed in batches by per-silo <see cref="ITrendingCollectorGrain"/>s, so no
/// single grain takes every hashtag use. A tag counts once per account per window, decayed by age, and only for public
/// accounts' undeleted posts.
/// </summary>
[Alias("Instagram.Grains.Discovery.ITrendingGrain")]
public interface ITrendingGrain : IGrainWithStringKey
{
    [Alias("ApplyAsync")] Task ApplyAsync(TrendingChange[] changes);

    [AlwaysInterleave, Alias("GetTopAsync")] Task<TrendingTag[]> GetTopAsync(int count);

    /// <summary>The top <paramref name="count"/> tags, each with how many posts its hashtag page lists: the trending route's answer.</summary>
    [AlwaysInterleave, Alias("GetTopWithPostCountsAsync")] Task<TrendingHashtag[]> GetTopWithPostCountsAsync(int count);
}
