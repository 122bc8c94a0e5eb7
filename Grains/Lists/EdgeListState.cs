namespace Instagram.Grains.Lists;

[GenerateSerializer, Alias("Instagram.Grains.Lists.EdgeListState")]
public sealed class EdgeListState
{
    [Id(0)] public long NextSequence { get; set; }
    [Id(1)] public long Count { get; set; }
}
