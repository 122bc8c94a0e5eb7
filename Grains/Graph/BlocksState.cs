namespace Instagram.Grains.Graph;

[GenerateSerializer, Alias("Instagram.Grains.Graph.BlocksState")]
public sealed class BlocksState
{
    [Id(0)] public HashSet<long> Blocking { get; set; } = [];
    [Id(1)] public HashSet<long> BlockedBy { get; set; } = [];
}
