using Instagram.Grains.Lists.Paging;

namespace Instagram.Grains.Graph;

// Records stored before PageSizes existed read with it empty; the grain asks each page its size once.
[GenerateSerializer, Alias("Instagram.Grains.Graph.FollowersState")]
public sealed class FollowersState : IEdgeHeadState
{
    /// <summary>The number the next edge gets; edge n lives on follower page n / PageSize.</summary>
    [Id(0)] public long NextSequence { get; set; }

    /// <summary>The sum of <see cref="PageSizes"/>.</summary>
    [Id(1)] public long Count { get; set; }

    [Id(2)] public bool IsCelebrity { get; set; }

    /// <summary>
    /// Each page's size as the page last reported it. The count is their sum, set from the pages' own answers rather
    /// than moved up and down, so a retried add or remove can never count twice.
    /// </summary>
    [Id(3)] public Dictionary<long, int> PageSizes { get; set; } = [];

    /// <inheritdoc />
    [Id(4)] public bool Settled { get; set; }
}
