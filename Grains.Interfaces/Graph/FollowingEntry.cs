using Instagram.Grains.Lists;

namespace Instagram.Grains.Graph;

/// <summary>
/// A follow as the follower's own list records it: whom, its place in the follower's order (newest-first paging), and
/// the edge's number in the target's follower list (to find and remove that edge).
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Graph.FollowingEntry")]
public readonly record struct FollowingEntry(
    [property: Id(0)] long TargetId,
    [property: Id(1)] long LocalSequence,
    [property: Id(2)] long FollowerSequence) : IListEdge
{
    long IListEdge.ItemId => TargetId;

    long IListEdge.Sequence => LocalSequence;
}
