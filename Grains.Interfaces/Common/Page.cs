namespace Instagram.Grains.Common;

/// <summary>One page of a cursor-paged list. <see cref="NextCursor"/> is the raw position to continue from, or null at the end.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Common.Page`1")]
public sealed record Page<T>(
    [property: Id(0)] IReadOnlyList<T> Items,
    [property: Id(1)] long? NextCursor)
{
    public static Page<T> Empty { get; } = new([], null);
}
