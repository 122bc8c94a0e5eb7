namespace Instagram.Grains.Graph;

[GenerateSerializer, Alias("Instagram.Grains.Graph.FollowerPageState")]
public sealed class FollowerPageState
{
    /// <summary>Edges in ascending sequence order; at most <see cref="FollowerPages.PageSize"/>.</summary>
    [Id(0)] public List<FollowerEdge> Edges { get; set; } = [];
}
