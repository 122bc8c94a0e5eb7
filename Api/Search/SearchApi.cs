using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Instagram.Api.Posts;
using Instagram.Grains.Search;

namespace Instagram.Api.Search;

/// <summary>
/// Search (shared/API.md "Feed, stories, discovery"): users, hashtags, posts. Every result is filtered for the
/// caller: blocked accounts (either way) never appear, and a private account's posts only for its followers.
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/search").WithTags("Search").RequireAuthorization().RequireRateLimiting(RateLimitPolicies.Search)
            .ProducesAuthorizedProblems().ProducesValidationProblem();
        api.MapGet("/users", SearchUsers).WithName(nameof(SearchUsers))
            .WithSummary("Users by username or full name: prefix and typo tolerant; best match, then verified, then most followed first.");
        api.MapGet("/hashtags", SearchHashtags).WithName(nameof(SearchHashtags))
            .WithSummary("Hashtags by prefix (typo tolerant), with the number of their posts the caller may see.");
        api.MapGet("/posts", SearchPosts).WithName(nameof(SearchPosts))
            .WithSummary("Posts by caption text (stemmed), hashtag and place (lat, lng, radiusKm), newest first.");
        return app;
    }

    public static async Task<Ok<PageResponse<UserSearchResponse>>> SearchUsers(string? q, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var query = SearchRules.Query(q);
        var results = await grains.GetGrain<ISearchGrain>(0).SearchUsersAsync(user.UserId(), query, SearchRules.Limit(limit));
        return TypedResults.Ok(new PageResponse<UserSearchResponse>([.. results.Select(UserSearchResponse.From)], null));
    }

    public static async Task<Ok<PageResponse<HashtagSearchResponse>>> SearchHashtags(string? q, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var query = SearchRules.Query(q);
        var results = await grains.GetGrain<ISearchGrain>(0).SearchHashtagsAsync(user.UserId(), query, SearchRules.Limit(limit));
        return TypedResults.Ok(new PageResponse<HashtagSearchResponse>([.. results.Select(r => new HashtagSearchResponse(r.Tag, r.PostCount))], null));
    }

    public static async Task<Ok<PageResponse<PostResponse>>> SearchPosts(
        [AsParameters] PostSearchQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var search = SearchRules.PostSearch(query.Q, query.Hashtag, query.Lat, query.Lng, query.RadiusKm);
        var page = new PageQuery { Cursor = query.Cursor, Limit = query.Limit }.ToPageRequest(cursors);
        var posts = await grains.GetGrain<ISearchGrain>(0).SearchPostsAsync(user.UserId(), search, page);
        return TypedResults.Ok(posts.ToResponse(cursors, PostResponse.From));
    }
}

/// <summary>The query string of GET /v1/search/posts (names given, as [AsParameters] would publish PascalCase).</summary>
public sealed class PostSearchQuery
{
    /// <summary>Caption text; every word must match (stemmed: "running" finds "run").</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>A hashtag, with or without '#'.</summary>
    [FromQuery(Name = "hashtag")]
    public string? Hashtag { get; init; }

    [FromQuery(Name = "lat")]
    public double? Lat { get; init; }

    [FromQuery(Name = "lng")]
    public double? Lng { get; init; }

    /// <summary>Radius around lat/lng in km, more than 0 and at most 20000; 10 when omitted.</summary>
    [FromQuery(Name = "radiusKm")]
    public double? RadiusKm { get; init; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }
}
