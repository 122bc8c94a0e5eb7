using Instagram.Grains.Users;

namespace Instagram.Grains.Comments;

/// <summary>A comment hydrated for a list: the comment and its author's summary.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Comments.CommentView")]
public sealed record CommentView(
    [property: Id(0)] CommentDetails Comment,
    [property: Id(1)] UserSummary Author);
