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
}
