using Instagram.Grains.Common;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Discovery;

/// <summary>
/// One user's explore page: recent, fast-engaging public posts from outside their graph, scored by predicted
/// engagement, at most two per author per page; cached for minutes so cursor pages are stable.
/// </summary>
[Alias("Instagram.Grains.Discovery.IExploreGrain")]
public interface IExploreGrain : IGrainWithIntegerKey
{
    [Alias("GetPageAsync")] Task<Page<PostView>> GetPageAsync(PageRequest page);
}
