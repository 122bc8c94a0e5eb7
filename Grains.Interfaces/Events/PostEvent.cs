using Instagram.Grains.Posts;

namespace Instagram.Grains.Events;

/// <summary>
/// A post became visible or was deleted; published on the <see cref="Common.StreamNamespaces.PostEvents"/> stream
/// of its author. Read models (search, hashtags, trending) consume it independently and idempotently.
/// </summary>
/// <remarks>
/// <see cref="OccurredAt"/> is when the event was produced (the post's publication or deletion), which the read models
/// measure their lag from; <see cref="CreatedAt"/> is the post's creation, which may be long before a post with slow
/// media is published. An event written before either field existed reads it as <c>default</c> (for
/// <see cref="PostKind"/>, a plain post: the reels pool takes reels only).
/// </remarks>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Events.PostEvent")]
public sealed record PostEvent(
    [property: Id(0)] PostEventKind Kind,
    [property: Id(1)] long PostId,
    [property: Id(2)] long AuthorId,
    [property: Id(3)] string Caption,
    [property: Id(4)] string[] Hashtags,
    [property: Id(5)] PostLocation? Location,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset OccurredAt,
    [property: Id(8)] PostKind PostKind = PostKind.Post);

[GenerateSerializer, Alias("Instagram.Grains.Events.PostEventKind")]
public enum PostEventKind
{
    Published,
    Deleted,
}
