using System.Security.Claims;
using Instagram.Api.Posts;
using Instagram.Grains.Feed;

namespace Instagram.Api.Feed;

public static class FeedApi
{
    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").WithTags("Feed").RequireAuthorization().ProducesAuthorizedProblems()
            .MapGet("/feed", GetFeed).WithName(nameof(GetFeed)).WithSummary("The caller's home feed, newest first.")
            .RequireRateLimiting(RateLimitPolicies.Feed).ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<PageResponse<PostResponse>>> GetFeed(
        [AsParameters] PageQuery query, string? order, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var feedOrder = order switch
        {
            null or "" or "chronological" => FeedOrder.Chronological,
            "ranked" => FeedOrder.Ranked,
            _ => throw DomainException.InvalidInput("order must be 'chronological' or 'ranked'."),
        };

        var page = await grains.GetGrain<IFeedGrain>(user.UserId()).GetPageAsync(query.ToPageRequest(cursors), feedOrder);
        return TypedResults.Ok(page.ToResponse(cursors, PostResponse.From));
    }
}
