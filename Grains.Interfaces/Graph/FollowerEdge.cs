using Instagram.Grains.Lists;

namespace Instagram.Grains.Graph;

/// <summary>
/// A follower, the position of their edge in the followee's list, and when the follower was last known to be active
/// (set when they follow, refreshed by their own activity at most once per <c>Feed:ActivityRecordInterval</c>), which
/// fan-out reads to skip followers nobody is reading for.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Graph.FollowerEdge")]
public readonly record struct FollowerEdge(
    [property: Id(0)] long FollowerId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset LastActiveAt = default) : IListEdge
{
    long IListEdge.ItemId => FollowerId;
}
