using System.Security.Claims;
using Instagram.Api.Posts;
using Instagram.Grains.Discovery;

namespace Instagram.Api.Discovery;

public static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        // Every route reads a query or route value it checks: 400 when it is not one we take.
        var api = app.MapGroup("/v1").WithTags("Discovery").RequireAuthorization().ProducesAuthorizedProblems().ProducesValidationProblem();
        api.MapGet("/hashtags/{tag}/posts", GetHashtagPosts).WithName(nameof(GetHashtagPosts)).WithSummary("Posts with a hashtag, newest first.");
        api.MapGet("/trending", GetTrending).WithName(nameof(GetTrending)).WithSummary("Trending hashtags in a sliding window.");
        api.MapGet("/explore", GetExplore).WithName(nameof(GetExplore)).WithSummary("Posts from outside the caller's graph, ranked.");
        return app;
    }

    public static async Task<Ok<PageResponse<PostResponse>>> GetHashtagPosts(string tag, [AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var normalized = tag.Trim().TrimStart('#').ToLowerInvariant();
        if (normalized.Length is 0 or > 100 || !normalized.All(c => char.IsLetterOrDigit(c) || c == '_'))
        {
            throw DomainException.InvalidInput("tag must be 1 to 100 letters, digits or underscores.");
        }

        var page = await grains.GetGrain<IHashtagGrain>(normalized).GetPostsAsync(user.UserId(), query.ToPageRequest(cursors));
        return TypedResults.Ok(page.ToResponse(cursors, PostResponse.From));
    }

    public static async Task<Ok<TrendingResponse>> GetTrending(string? window, IGrainFactory grains)
    {
        var key = window ?? "24h";
        if (!TrendingWindows.All.ContainsKey(key))
        {
            throw DomainException.InvalidInput("window must be 1h, 24h or 7d.");
        }

        var top = await grains.GetGrain<ITrendingGrain>(key).GetTopWithPostCountsAsync(20);
        return TypedResults.Ok(new TrendingResponse([.. top.Select(t => new TrendingTagResponse(t.Tag, Math.Round(t.Score, 4), t.PostCount))]));
    }

    public static async Task<Ok<PageResponse<PostResponse>>> GetExplore([AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var page = await grains.GetGrain<IExploreGrain>(user.UserId()).GetPageAsync(query.ToPageRequest(cursors));
        return TypedResults.Ok(page.ToResponse(cursors, PostResponse.From));
    }
}

public sealed record TrendingResponse(IReadOnlyList<TrendingTagResponse> Tags);

public sealed record TrendingTagResponse(string Tag, double Score, long PostCount);
