namespace Instagram.Grains.Graph;

[GenerateSerializer, Alias("Instagram.Grains.Graph.FollowingState")]
public sealed class FollowingState
{
    /// <summary>Followed user id → the edge.</summary>
    [Id(0)] public Dictionary<long, FollowingEdge> Edges { get; set; } = [];

    /// <summary>Numbers follows in the order they happened, for newest-first paging.</summary>
    [Id(1)] public long NextLocalSequence { get; set; }

    /// <summary>Private accounts this user asked to follow, awaiting their approval.</summary>
    [Id(2)] public HashSet<long> PendingRequests { get; set; } = [];

    /// <summary>
    /// Follows under way: the edge number the target's follower list handed out. Kept until the edge exists, so a
    /// retry after a failure half way adds that same edge, never a second one.
    /// </summary>
    [Id(3)] public Dictionary<long, long> ReservedSequences { get; set; } = [];

    /// <summary>When this user's activity was last written to the follower pages they are on.</summary>
    [Id(4)] public DateTimeOffset ActivityRecordedAt { get; set; }
}
