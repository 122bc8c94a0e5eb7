using Instagram.Grains.Lists.Paging;

namespace Instagram.Grains.Lists;

/// <summary>
/// The head of an edge list. Records stored before <see cref="PageSizes"/> existed read with it empty; the grain then
/// asks each page its size once (<see cref="EdgeHead{TState}.BackfillPageSizesAsync"/>).
/// </summary>
[GenerateSerializer, Alias("Instagram.Grains.Lists.EdgeListState")]
public sealed class EdgeListState : IEdgeHeadState
{
    [Id(0)] public long NextSequence { get; set; }
    [Id(1)] public long Count { get; set; }
    [Id(2)] public Dictionary<long, int> PageSizes { get; set; } = [];
}
