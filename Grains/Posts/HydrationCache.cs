using Instagram.Grains.Feed;
using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

/// <summary>
/// Posts and author summaries as the silo last read them (<see cref="FeedOptions.HydrationCacheLifetime"/>), so a
/// feed page of posts shown a moment ago costs no grain calls for them. What depends on the viewer (blocks, who
/// they follow, what they liked) is never cached. The post and user grains evict their entry when they change.
/// </summary>
internal sealed class HydrationCache(IOptions<FeedOptions> options, TimeProvider time)
{
    public SiloCache<long, PostDetails?> Posts { get; } =
        new(options.Value.HydrationCacheLifetime, options.Value.HydrationCacheCapacity, time);

    public SiloCache<long, UserSummary?> Authors { get; } =
        new(options.Value.HydrationCacheLifetime, options.Value.HydrationCacheCapacity / 4, time);
}
