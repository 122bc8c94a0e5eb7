namespace Instagram.Grains.Posts;

/// <summary>
/// What a post is: a plain post, or a reel (one vertical video of at most 90 s, also recommended in the reels feed).
/// Posts stored before kinds existed read as <see cref="Post"/>.
/// </summary>
[GenerateSerializer, Alias("Instagram.Grains.Posts.PostKind")]
public enum PostKind
{
    Post,
    Reel,
}
