namespace Instagram.Grains.Lists;

[GenerateSerializer, Alias("Instagram.Grains.Lists.EdgeListPageState")]
public sealed class EdgeListPageState
{
    /// <summary>Entries in ascending sequence order.</summary>
    [Id(0)] public List<ListEntry> Entries { get; set; } = [];
}
