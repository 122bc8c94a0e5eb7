namespace Instagram.Grains.Posts;

[GenerateSerializer, Alias("Instagram.Grains.Posts.UserPostsState")]
public sealed class UserPostsState
{
    /// <summary>Published, undeleted post ids, newest first.</summary>
    [Id(0)] public List<long> PostIds { get; set; } = [];
}
