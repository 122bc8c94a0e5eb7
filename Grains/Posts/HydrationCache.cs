using Instagram.Grains.Feed;
using Instagram.Grains.Moderation;
using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

/// <summary>
/// Posts and author summaries as the silo last read them (<see cref="FeedOptions.HydrationCacheLifetime"/>), so a
/// page whose posts and authors were shown a moment ago costs no grain call for them: a feed page of 20 posts was 20
/// calls, most of a warm read's cost. The grain that changes a post or a profile evicts its entry on its own silo at
/// once; other silos see the change within the lifetime (a deleted post also leaves the feeds that held it by the
/// fan-out's removal). Nothing that depends on the viewer (blocks, who they follow, what they liked) is cached.
/// </summary>
internal sealed class HydrationCache(IOptions<FeedOptions> options, TimeProvider time)
{
    public SiloCache<long, PostDetails?> Posts { get; } =
        new("hydration.posts", options.Value.HydrationCacheLifetime, options.Value.HydrationCacheCapacity, time);

    public SiloCache<long, UserSummary?> Authors { get; } =
        new("hydration.authors", options.Value.HydrationCacheLifetime, options.Value.HydrationCacheCapacity, time);

    /// <summary>Viewers' muted words, read once per request by the lists that hide them; the owner's grain evicts on change.</summary>
    public SiloCache<long, MutedWords> MutedWords { get; } =
        new("hydration.muted_words", options.Value.HydrationCacheLifetime, options.Value.HydrationCacheCapacity, time);
}
