namespace Instagram.Grains.Likes;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Likes.LikeState")]
public sealed record LikeState(
    [property: Id(0)] long LikeCount,
    [property: Id(1)] bool IsLiked);
