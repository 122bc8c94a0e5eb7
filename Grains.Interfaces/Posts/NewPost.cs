namespace Instagram.Grains.Posts;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Posts.NewPost")]
public sealed record NewPost(
    [property: Id(0)] long AuthorId,
    [property: Id(1)] string Caption,
    [property: Id(2)] long[] MediaIds,
    [property: Id(3)] PostLocation? Location,
    [property: Id(4)] PostKind Kind = PostKind.Post);
