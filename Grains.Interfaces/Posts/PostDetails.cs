using Instagram.Grains.Media;

namespace Instagram.Grains.Posts;

/// <summary>A post as stored, with its author as an id. Hydration turns it into a <see cref="PostView"/>.</summary>
/// <param name="FailureReason">Why a <see cref="PostStatus.Failed"/> post failed (its first failed media item's reason).</param>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Posts.PostDetails")]
public sealed record PostDetails(
    [property: Id(0)] long Id,
    [property: Id(1)] long AuthorId,
    [property: Id(2)] string Caption,
    [property: Id(3)] string[] Hashtags,
    [property: Id(4)] string[] Mentions,
    [property: Id(5)] PostLocation? Location,
    [property: Id(6)] MediaView[] Media,
    [property: Id(7)] long LikeCount,
    [property: Id(8)] long CommentCount,
    [property: Id(9)] PostStatus Status,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] string? FailureReason = null,
    [property: Id(12)] PostKind Kind = PostKind.Post);
