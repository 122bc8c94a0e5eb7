using Instagram.Api.Posts;
using Instagram.Grains.Reels;

namespace Instagram.Api.Reels;

/// <summary>A reel in the reels feed: the post response plus the URLs (posters, HLS playlists) of the next items to prefetch.</summary>
public sealed record ReelResponse : PostResponse
{
    public ReelResponse(PostResponse post, IReadOnlyList<string> prefetch)
        : base(post) => Prefetch = prefetch;

    public IReadOnlyList<string> Prefetch { get; init; }

    public static ReelResponse From(ReelItem item) => new(From(item.Reel), item.Prefetch);
}
