using Instagram.Grains.Lists.Paging;

namespace Instagram.Grains.Graph;

/// <summary>
/// The head of one user's following list; the follows themselves live on <see cref="IFollowingPageGrain"/>s.
/// Records stored before the list was paged read as they were, with every follow in <see cref="Edges"/> and no page
/// sizes; <see cref="FollowingList"/> moves those edges into pages on the first activation and then clears them.
/// </summary>
[GenerateSerializer, Alias("Instagram.Grains.Graph.FollowingState")]
public sealed class FollowingState : IEdgeHeadState
{
    /// <summary>Followed user id → the edge, as stored before the list was paged; empty once moved to pages.</summary>
    [Id(0)] public Dictionary<long, FollowingEdge> Edges { get; set; } = [];

    /// <summary>Numbers follows in the order they happened, for newest-first paging.</summary>
    [Id(1)] public long NextLocalSequence { get; set; }

    /// <summary>Private accounts this user asked to follow, awaiting their approval.</summary>
    [Id(2)] public HashSet<long> PendingRequests { get; set; } = [];

    /// <summary>
    /// Follows under way as earlier versions recorded them: the edge number the target's follower list handed out,
    /// kept until the edge existed. A follow now writes its following page first (with that number), so nothing new
    /// is added here; entries left by a failure are still honoured by the next follow or unfollow of that target.
    /// </summary>
    [Id(3)] public Dictionary<long, long> ReservedSequences { get; set; } = [];

    /// <summary>When this user's activity was last written to the follower pages they are on.</summary>
    [Id(4)] public DateTimeOffset ActivityRecordedAt { get; set; }

    /// <summary>Each following page's size as it last reported it.</summary>
    [Id(5)] public Dictionary<long, int> PageSizes { get; set; } = [];

    /// <summary>How many accounts are followed: the sum of <see cref="PageSizes"/>.</summary>
    [Id(6)] public long Count { get; set; }

    /// <inheritdoc />
    [Id(7)] public bool Settled { get; set; }

    long IEdgeHeadState.NextSequence
    {
        get => NextLocalSequence;
        set => NextLocalSequence = value;
    }
}
