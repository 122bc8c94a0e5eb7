namespace Instagram.Grains.Lists;

/// <summary>What one batch did to an edge-list page: its size afterwards, and for each removal whether it was there.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Lists.EdgeListPageChange")]
public sealed record EdgeListPageChange(
    [property: Id(0)] int Size,
    [property: Id(1)] bool[] Removed);
