namespace Instagram.Grains.Graph;

/// <summary>A follower to add to a follower page, with the edge number the follower list handed out for them.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Graph.FollowerAdd")]
public readonly record struct FollowerAdd(
    [property: Id(0)] long FollowerId,
    [property: Id(1)] long Sequence);
