namespace Instagram.Grains.Discovery;

/// <summary>
/// A tag's trending score in a window: each account that used it counts once, weighted by how recently it last
/// did (halving every quarter of the window), so a burst from many accounts beats one account posting all day.
/// </summary>
public static class TrendingScore
{
    public static double Of(IEnumerable<DateTimeOffset> lastUseByAccount, DateTimeOffset now, TimeSpan window)
    {
        var halfLife = window / 4;
        return lastUseByAccount
            .Where(at => now - at < window)
            .Sum(at => Math.Pow(0.5, Math.Max(0, (now - at) / halfLife)));
    }
}
