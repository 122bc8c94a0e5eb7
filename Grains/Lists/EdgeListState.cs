using Instagram.Grains.Lists.Paging;

namespace Instagram.Grains.Lists;

/// <summary>
/// The head of an edge list. Records stored before <see cref="PageSizes"/> or <see cref="Settled"/> existed read
/// unsettled, so the grain asks each page its size once (<see cref="EdgeHead{TState}.LoadAsync"/>).
/// </summary>
[GenerateSerializer, Alias("Instagram.Grains.Lists.EdgeListState")]
public sealed class EdgeListState : IEdgeHeadState
{
    [Id(0)] public long NextSequence { get; set; }
    [Id(1)] public long Count { get; set; }
    [Id(2)] public Dictionary<long, int> PageSizes { get; set; } = [];
    [Id(3)] public bool Settled { get; set; }
}
