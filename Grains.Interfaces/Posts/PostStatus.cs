namespace Instagram.Grains.Posts;

[GenerateSerializer, Alias("Instagram.Grains.Posts.PostStatus")]
public enum PostStatus
{
    Processing,
    Published,
    Failed,
    Deleted,
}
