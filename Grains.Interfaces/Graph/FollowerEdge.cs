namespace Instagram.Grains.Graph;

/// <summary>A follower and the position of their edge in the followee's list.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Graph.FollowerEdge")]
public readonly record struct FollowerEdge(
    [property: Id(0)] long FollowerId,
    [property: Id(1)] long Sequence);
