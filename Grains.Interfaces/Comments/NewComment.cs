namespace Instagram.Grains.Comments;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Comments.NewComment")]
public sealed record NewComment(
    [property: Id(0)] long PostId,
    [property: Id(1)] long AuthorId,
    [property: Id(2)] string Text,
    [property: Id(3)] long? ParentId);
