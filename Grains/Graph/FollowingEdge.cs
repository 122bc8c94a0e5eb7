namespace Instagram.Grains.Graph;

/// <summary>
/// A follow as the follower recorded it before the following list was paged (<see cref="FollowingState.Edges"/>): its own
/// order, and the edge's number in the target's follower list. Kept to read those records; new follows are <see cref="FollowingEntry"/>s.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Graph.FollowingEdge")]
public sealed record FollowingEdge(
    [property: Id(0)] long LocalSequence,
    [property: Id(1)] long FollowerSequence);
