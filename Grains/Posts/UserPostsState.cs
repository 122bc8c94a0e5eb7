namespace Instagram.Grains.Posts;

[GenerateSerializer, Alias("Instagram.Grains.Posts.UserPostsState")]
public sealed class UserPostsState
{
    /// <summary>Published, undeleted post ids, newest first.</summary>
    [Id(0)] public List<long> PostIds { get; set; } = [];

    /// <summary>True once these posts are in the author-posts read model (new posts go there as they are published).</summary>
    [Id(1)] public bool InReadModel { get; set; }
}
