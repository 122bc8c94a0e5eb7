namespace Instagram.Grains.Discovery;

/// <summary>A trending tag as the trending route shows it: its score in the window and how many posts carry it.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Discovery.TrendingHashtag")]
public sealed record TrendingHashtag(
    [property: Id(0)] string Tag,
    [property: Id(1)] double Score,
    [property: Id(2)] long PostCount);
