using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

/// <summary>A post hydrated for one viewer: the author's summary and the viewer's own flags included. <see cref="Suggested"/>
/// marks cold-start suggestions in a feed.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Posts.PostView")]
public sealed record PostView(
    [property: Id(0)] PostDetails Post,
    [property: Id(1)] UserSummary Author,
    [property: Id(2)] bool IsLiked,
    [property: Id(3)] bool Suggested = false);
