namespace Instagram.Grains.Discovery;

/// <summary>The trending windows and their lengths; each is one <see cref="ITrendingGrain"/>.</summary>
public static class TrendingWindows
{
    public static readonly IReadOnlyDictionary<string, TimeSpan> All = new Dictionary<string, TimeSpan>
    {
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
    };
}
