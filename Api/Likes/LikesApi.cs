using System.Security.Claims;
using Instagram.Api.Infrastructure.SharedState;
using Instagram.Api.Users;
using Instagram.Grains.Likes;
using Instagram.Grains.Lists;
using Microsoft.AspNetCore.Mvc;

namespace Instagram.Api.Likes;

public static class LikesApi
{
    public static IEndpointRouteBuilder MapLikesApi(this IEndpointRouteBuilder app)
    {
        // Every route names a post the caller may see (404 otherwise).
        var api = app.MapGroup("/v1/posts/{id}").WithTags("Likes").RequireAuthorization().ProducesAuthorizedProblems()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        // An Idempotency-Key still in flight is a 409, one reused for another request a 422.
        api.MapPost("/like", LikePost).WithName(nameof(LikePost)).WithSummary("Like a post (idempotent).").RequireRateLimiting(RateLimitPolicies.Likes)
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/like", UnlikePost).WithName(nameof(UnlikePost)).WithSummary("Unlike a post (idempotent).").RequireRateLimiting(RateLimitPolicies.Likes)
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/likes", GetLikes).WithName(nameof(GetLikes)).WithSummary("Who liked the post, newest first.");
        return app;
    }

    public static async Task<Ok<LikeResponse>> LikePost(string id, ClaimsPrincipal user, IGrainFactory grains, Idempotency idempotency,
        [FromHeader(Name = Idempotency.HeaderName)] string? idempotencyKey)
    {
        var postId = RouteIds.Parse(id);
        var state = await idempotency.RunOnceAsync(user, $"like:{postId}", idempotencyKey, request: null,
            () => grains.GetGrain<IUserLikesGrain>(user.UserId()).LikeAsync(postId));
        return TypedResults.Ok(new LikeResponse(state.LikeCount, state.IsLiked));
    }

    public static async Task<Ok<LikeResponse>> UnlikePost(string id, ClaimsPrincipal user, IGrainFactory grains, Idempotency idempotency,
        [FromHeader(Name = Idempotency.HeaderName)] string? idempotencyKey)
    {
        var postId = RouteIds.Parse(id);
        var state = await idempotency.RunOnceAsync(user, $"unlike:{postId}", idempotencyKey, request: null,
            () => grains.GetGrain<IUserLikesGrain>(user.UserId()).UnlikeAsync(postId));
        return TypedResults.Ok(new LikeResponse(state.LikeCount, state.IsLiked));
    }

    public static async Task<Ok<PageResponse<UserSummaryResponse>>> GetLikes(string id, [AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var postId = RouteIds.Parse(id);
        var page = query.ToPageRequest(cursors);
        await grains.VisiblePostAsync(user.UserId(), postId);
        var likers = await grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Likes, postId)).GetPageAsync(page, newestFirst: true);
        var users = await grains.VisibleSummariesAsync(user.UserId(), likers.Items);
        return TypedResults.Ok(new PageResponse<UserSummaryResponse>(users, cursors.Encode(likers.NextCursor)));
    }
}

public sealed record LikeResponse(long LikeCount, bool IsLiked);
