using Instagram.Grains.Posts;

namespace Instagram.Grains.Events;

/// <summary>
/// A post became visible or was deleted; published on the <see cref="Common.StreamNamespaces.PostEvents"/> stream
/// of its author. Read models (search, hashtags, trending) consume it independently and idempotently.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Events.PostEvent")]
public sealed record PostEvent(
    [property: Id(0)] PostEventKind Kind,
    [property: Id(1)] long PostId,
    [property: Id(2)] long AuthorId,
    [property: Id(3)] string Caption,
    [property: Id(4)] string[] Hashtags,
    [property: Id(5)] PostLocation? Location,
    [property: Id(6)] DateTimeOffset CreatedAt);

[GenerateSerializer, Alias("Instagram.Grains.Events.PostEventKind")]
public enum PostEventKind
{
    Published,
    Deleted,
}
