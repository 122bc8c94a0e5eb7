namespace Instagram.Grains.Comments;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Comments.CommentDetails")]
public sealed record CommentDetails(
    [property: Id(0)] long Id,
    [property: Id(1)] long PostId,
    [property: Id(2)] long AuthorId,
    [property: Id(3)] string Text,
    [property: Id(4)] long? ParentId,
    [property: Id(5)] DateTimeOffset CreatedAt);
