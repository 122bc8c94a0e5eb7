namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>
/// Which region a user (and everything they write) belongs to, read from the id itself: region r mints ids only with
/// Snowflake generator numbers r × 128 … r × 128 + 127, so any silo anywhere knows an id's home without a lookup.
/// </summary>
public static class HomeRegions
{
    public const int GeneratorsPerRegion = 128;
    private const int SequenceBits = 12;
    private const int GeneratorMask = 1023;

    public static int HomeOf(long id) => (int)((id >> SequenceBits) & GeneratorMask) / GeneratorsPerRegion;

    public static int FirstGenerator(int region) => region * GeneratorsPerRegion;
}
