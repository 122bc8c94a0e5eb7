using Instagram.Grains.Common;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;

namespace Instagram.Grains.Search;

/// <summary>
/// Search for one viewer: asks the index, then applies the viewer's privacy and blocks to what comes back (the
/// index filters too, but it may lag the source of truth by a moment, so results are re-checked against it).
/// A stateless worker: every silo answers searches locally.
/// </summary>
[Alias("Instagram.Grains.Search.ISearchGrain")]
public interface ISearchGrain : IGrainWithIntegerKey
{
    /// <summary>Users by username or full name: prefix and typo tolerant; ranked by match, then verified, then followers.</summary>
    [Alias("SearchUsersAsync")] Task<UserSearchResult[]> SearchUsersAsync(long viewerId, string query, int limit);

    /// <summary>Hashtags by prefix (typo tolerant), with how many of their posts the viewer may see.</summary>
    [Alias("SearchHashtagsAsync")] Task<HashtagSearchResult[]> SearchHashtagsAsync(long viewerId, string query, int limit);

    /// <summary>Posts by caption text, hashtag and place, newest first, hydrated for the viewer; the cursor is a post id.</summary>
    [Alias("SearchPostsAsync")] Task<Page<PostView>> SearchPostsAsync(long viewerId, PostSearch search, PageRequest page);
}

/// <summary>The criteria of a post search as the caller gave them (validated by <see cref="SearchRules"/>).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.PostSearch")]
public sealed record PostSearch(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? Hashtag,
    [property: Id(2)] GeoCircle? Place);

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.UserSearchResult")]
public sealed record UserSearchResult(
    [property: Id(0)] UserSummary User,
    [property: Id(1)] long FollowerCount);

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Search.HashtagSearchResult")]
public sealed record HashtagSearchResult(
    [property: Id(0)] string Tag,
    [property: Id(1)] long PostCount);
