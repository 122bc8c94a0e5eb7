namespace Instagram.Grains.Graph;

[GenerateSerializer, Alias("Instagram.Grains.Graph.BlocksState")]
public sealed class BlocksState
{
    // Id 0 held Blocking as an unordered set until the blocked list was shown newest first.
    [Id(2)] public OrderedIds Blocking { get; set; } = new();
    [Id(1)] public HashSet<long> BlockedBy { get; set; } = [];
}
