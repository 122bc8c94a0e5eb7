namespace Instagram.Grains.Feed;

/// <summary>
/// The set of authors whose posts are pulled rather than pushed (use key 0). Small: only accounts above the
/// celebrity threshold. Feeds read it through a per-silo copy.
/// </summary>
[Alias("Instagram.Grains.Feed.ICelebrityDirectoryGrain")]
public interface ICelebrityDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("SetAsync")] Task SetAsync(long authorId, bool isCelebrity);

    [Alias("GetAllAsync")] Task<long[]> GetAllAsync();
}
