namespace Instagram.Grains.Feed;

[GenerateSerializer, Alias("Instagram.Grains.Feed.FeedItemKind")]
public enum FeedItemKind
{
    Added,
    Removed,
}
