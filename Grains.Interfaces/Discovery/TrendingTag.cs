namespace Instagram.Grains.Discovery;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Discovery.TrendingTag")]
public sealed record TrendingTag(
    [property: Id(0)] string Tag,
    [property: Id(1)] double Score,
    [property: Id(2)] long Accounts);
