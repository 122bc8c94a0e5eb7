namespace Instagram.Grains.Feed;

/// <summary>A published post and its author, as the author-posts read model lists them.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Feed.AuthorPost")]
public readonly record struct AuthorPost(
    [property: Id(0)] long PostId,
    [property: Id(1)] long AuthorId);
