namespace Instagram.Grains.Likes;

[GenerateSerializer, Alias("Instagram.Grains.Likes.UserLikesState")]
public sealed class UserLikesState
{
    /// <summary>Liked post → the like's position in the post's likers list.</summary>
    [Id(0)] public Dictionary<long, long> Liked { get; set; } = [];
}
