using Instagram.Grains.Posts;

namespace Instagram.Grains.Reels;

/// <summary>A reel as the feed shows it, with the poster and stream URLs of the items after it, for the client to fetch ahead.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Reels.ReelItem")]
public sealed record ReelItem(
    [property: Id(0)] PostView Reel,
    [property: Id(1)] string[] Prefetch);
