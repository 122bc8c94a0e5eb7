namespace Instagram.Grains.Search;

/// <summary>What the search index keeps of a user: the fields users are found by, and the privacy flag posts are filtered by.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.UserDocument")]
public sealed record UserDocument(
    [property: Id(0)] long UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string FullName,
    [property: Id(3)] bool IsPrivate,
    [property: Id(4)] bool IsVerified);

/// <summary>What the search index keeps of a published post. Posts never change after publication, only disappear.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.PostDocument")]
public sealed record PostDocument(
    [property: Id(0)] long PostId,
    [property: Id(1)] long AuthorId,
    [property: Id(2)] string Caption,
    [property: Id(3)] string[] Hashtags,
    [property: Id(4)] double? Lat,
    [property: Id(5)] double? Lng,
    [property: Id(6)] DateTimeOffset CreatedAt);

/// <summary>
/// Who is searching, as the index needs it to filter at query time: the accounts blocked either way (never shown)
/// and the accounts the viewer follows (whose private posts the viewer may see).
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.SearchViewer")]
public sealed record SearchViewer(
    [property: Id(0)] long ViewerId,
    [property: Id(1)] long[] Excluded,
    [property: Id(2)] long[] Following);

/// <summary>A circle on the globe.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.GeoCircle")]
public sealed record GeoCircle(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lng,
    [property: Id(2)] double RadiusKm);

/// <summary>
/// A normalised user search: <paramref name="Query"/> is lower-case without a leading '@'. The index answers up to
/// <paramref name="Limit"/> candidates, best match first.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.UserQuery")]
public sealed record UserQuery(
    [property: Id(0)] string Query,
    [property: Id(1)] int Limit,
    [property: Id(2)] SearchViewer Viewer);

/// <summary>A normalised hashtag search: <paramref name="Query"/> is lower-case without a leading '#'.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.HashtagQuery")]
public sealed record HashtagQuery(
    [property: Id(0)] string Query,
    [property: Id(1)] int Limit,
    [property: Id(2)] SearchViewer Viewer);

/// <summary>
/// A post search: every criterion given must match. Results are post ids, newest first, strictly older than
/// <paramref name="Before"/> when it is set.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.PostQuery")]
public sealed record PostQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? Hashtag,
    [property: Id(2)] GeoCircle? Place,
    [property: Id(3)] long? Before,
    [property: Id(4)] int Limit,
    [property: Id(5)] SearchViewer Viewer);

/// <summary>
/// How well a user or tag matched, best first: <see cref="Exact"/>, <see cref="Prefix"/> (of the username or tag),
/// <see cref="NamePrefix"/> (of a word of the full name), <see cref="Fuzzy"/> (one typo, or trigram-similar).
/// </summary>
public static class MatchTier
{
    public const int Fuzzy = 1;
    public const int NamePrefix = 2;
    public const int Prefix = 3;
    public const int Exact = 4;
}

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.UserHit")]
public sealed record UserHit(
    [property: Id(0)] long UserId,
    [property: Id(1)] int Tier,
    [property: Id(2)] bool IsVerified,
    [property: Id(3)] double Similarity);

/// <summary>A tag and how many of its posts the viewer may see.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.HashtagHit")]
public sealed record HashtagHit(
    [property: Id(0)] string Tag,
    [property: Id(1)] int Tier,
    [property: Id(2)] long PostCount);
