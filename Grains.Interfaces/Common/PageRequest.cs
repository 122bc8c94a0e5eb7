namespace Instagram.Grains.Common;

/// <summary>Where a page starts (exclusive cursor; null = from the top) and how many items it holds.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Common.PageRequest")]
public sealed record PageRequest(
    [property: Id(0)] long? Cursor,
    [property: Id(1)] int Limit)
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    public static PageRequest First(int limit = DefaultLimit) => new(null, limit);
}
