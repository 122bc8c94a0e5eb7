using System.Security.Claims;
using Instagram.Api.Infrastructure.SharedState;
using Instagram.Api.Users;
using Instagram.Grains.Likes;
using Instagram.Grains.Posts;
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
        var likers = await grains.GetGrain<IPostGrain>(postId).GetLikersAsync(user.UserId(), page);
        return TypedResults.Ok(new PageResponse<UserSummaryResponse>([.. likers.Items.Select(UserSummaryResponse.From)], cursors.Encode(likers.NextCursor)));
    }
}

public sealed record LikeResponse(long LikeCount, bool IsLiked);
