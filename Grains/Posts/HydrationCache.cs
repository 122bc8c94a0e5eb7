using Instagram.Grains.Feed;
using Instagram.Grains.Moderation;
using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

/// <summary>
/// Author summaries as the silo last read them (<see cref="FeedOptions.HydrationCacheLifetime"/>), so a page whose
/// authors were shown a moment ago costs no grain call for them. Posts themselves are not cached: a deleted post
/// must vanish from every page at once, on every silo. Nothing that depends on the viewer (blocks, who they follow,
/// what they liked) is cached either. A user grain evicts its entry when the profile changes.
/// </summary>
internal sealed class HydrationCache(IOptions<FeedOptions> options, TimeProvider time)
{
    public SiloCache<long, UserSummary?> Authors { get; } =
        new("hydration.authors", options.Value.HydrationCacheLifetime, options.Value.HydrationCacheCapacity, time);

    /// <summary>Viewers' muted words, read once per request by the lists that hide them; the owner's grain evicts on change.</summary>
    public SiloCache<long, MutedWords> MutedWords { get; } =
        new("hydration.muted_words", options.Value.HydrationCacheLifetime, options.Value.HydrationCacheCapacity, time);
}
