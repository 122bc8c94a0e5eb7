namespace Instagram.Grains.Lists;

/// <summary>An id in a list and its position.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Lists.ListEntry")]
public readonly record struct ListEntry(
    [property: Id(0)] long ItemId,
    [property: Id(1)] long Sequence) : IListEdge;
