using Instagram.Grains.Feed;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;

namespace Instagram.Grains.Reels;

/// <summary>
/// What a watch needs to know about its reel (the reel itself, its author), read at most once per silo per
/// <see cref="FeedOptions.HydrationCacheLifetime"/>, so a viral reel's watches do not all call its post grain and its
/// author's user grain. Whether the viewer may see the author is still asked per watch, of the viewer's own grains.
/// The staleness this allows (a second, by default) only lets a watch of a reel deleted that second count.
/// </summary>
internal sealed class ReelWatchTargets(IGrainFactory grains, HydrationCache authors, IOptions<FeedOptions> options, TimeProvider time)
{
    private readonly SiloCache<long, PostDetails?> _reels =
        new("reels.watch-targets", options.Value.HydrationCacheLifetime, options.Value.HydrationCacheCapacity, time);

    /// <summary>The published reel and its video, or a 404 when it is none or the viewer may not see it.</summary>
    public async Task<(PostDetails Reel, VideoPlayback Video)> VisibleReelAsync(long viewerId, long reelId)
    {
        var reel = await _reels.GetAsync(reelId, id => grains.GetGrain<IPostGrain>(id).GetDetailsAsync());
        if (reel is { Kind: PostKind.Reel, Status: PostStatus.Published, Media: [{ Video: { } video }] }
            && await authors.Authors.GetAsync(reel.AuthorId, id => grains.GetGrain<IUserGrain>(id).GetSummaryAsync()) is { } author
            && await grains.CanSeeContentAsync(viewerId, author))
        {
            return (reel, video);
        }

        throw DomainException.NotFound("reel");
    }
}
