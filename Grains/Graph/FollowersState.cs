namespace Instagram.Grains.Graph;

[GenerateSerializer, Alias("Instagram.Grains.Graph.FollowersState")]
public sealed class FollowersState
{
    /// <summary>The number the next edge gets; edge n lives on follower page n / PageSize.</summary>
    [Id(0)] public long NextSequence { get; set; }

    [Id(1)] public long Count { get; set; }

    [Id(2)] public bool IsCelebrity { get; set; }
}
