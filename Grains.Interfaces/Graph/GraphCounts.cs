namespace Instagram.Grains.Graph;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Graph.GraphCounts")]
public sealed record GraphCounts(
    [property: Id(0)] long Followers,
    [property: Id(1)] long Following);
