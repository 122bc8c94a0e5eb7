using Instagram.Grains.Common;

namespace Instagram.Grains.Reels;

/// <summary>
/// One viewer's reels feed (key = viewer): recent public reels of followed and other accounts, never a private or
/// blocked author's, ranked by watch time, engagement velocity and the viewer's affinity with the author.
/// </summary>
[Alias("Instagram.Grains.Reels.IReelsGrain")]
public interface IReelsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// A page of the session the cursor belongs to; no cursor starts a new session, which leads with reels the viewer
    /// has not watched. A session's order is fixed, so its pages never repeat a reel.
    /// </summary>
    [Alias("GetPageAsync")] Task<Page<ReelItem>> GetPageAsync(PageRequest page);
}
