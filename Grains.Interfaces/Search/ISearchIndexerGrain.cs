namespace Instagram.Grains.Search;

/// <summary>
/// Keeps the search index in step with one user (key = user id): implicitly subscribed to that user's post events
/// and user events. It has no methods of its own; streams are its only input.
/// </summary>
[Alias("Instagram.Grains.Search.ISearchIndexerGrain")]
public interface ISearchIndexerGrain : IGrainWithIntegerKey;
