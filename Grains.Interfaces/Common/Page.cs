namespace Instagram.Grains.Common;

/// <summary>
/// One page of a cursor-paged list. <see cref="NextCursor"/> is the raw position to continue from, or null at the end.
/// <see cref="Degraded"/>: the list is served without some of its inputs (a ranked list ordered without the
/// viewer's affinities, because they could not be read), so clients can say so.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Common.Page`1")]
public sealed record Page<T>(
    [property: Id(0)] IReadOnlyList<T> Items,
    [property: Id(1)] long? NextCursor,
    [property: Id(2)] bool Degraded = false)
{
    public static Page<T> Empty { get; } = new([], null);
}
