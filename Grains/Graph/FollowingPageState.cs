namespace Instagram.Grains.Graph;

[GenerateSerializer, Alias("Instagram.Grains.Graph.FollowingPageState")]
public sealed class FollowingPageState
{
    /// <summary>Entries in ascending local sequence order; at most <see cref="FollowingPages.PageSize"/>.</summary>
    [Id(0)] public List<FollowingEntry> Entries { get; set; } = [];
}
