namespace Instagram.Grains.Graph;

/// <summary>A follow as the follower records it: its own order, and the edge's number in the target's follower list.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Graph.FollowingEdge")]
public sealed record FollowingEdge(
    [property: Id(0)] long LocalSequence,
    [property: Id(1)] long FollowerSequence);
