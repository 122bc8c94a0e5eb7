namespace Instagram.Grains.Search;

/// <summary>
/// Maintenance of the search index (key 0). The index is a read model: it can always be thrown away and rebuilt
/// from the source of truth, the user and post grains.
/// </summary>
[Alias("Instagram.Grains.Search.ISearchIndexAdminGrain")]
public interface ISearchIndexAdminGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Re-indexes every user and every published post from grain state, then drops what the index holds beyond
    /// them (deleted posts, vanished users) and recounts hashtags. Searches keep answering meanwhile; events that
    /// arrive during the rebuild are kept. One rebuild runs at a time.
    /// </summary>
    [ResponseTimeout("01:00:00"), Alias("RebuildAsync")] Task<RebuildReport> RebuildAsync();
}

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.RebuildReport")]
public sealed record RebuildReport(
    [property: Id(0)] int Users,
    [property: Id(1)] int Posts,
    [property: Id(2)] TimeSpan Elapsed);
