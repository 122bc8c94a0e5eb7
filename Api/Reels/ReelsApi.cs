using System.Security.Claims;
using Instagram.Api.Infrastructure.SharedState;
using Instagram.Api.Posts;
using Instagram.Grains.Posts;
using Instagram.Grains.Reels;
using Microsoft.AspNetCore.Mvc;

namespace Instagram.Api.Reels;

public static class ReelsApi
{
    public static IEndpointRouteBuilder MapReelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Reels").RequireAuthorization().ProducesAuthorizedProblems().ProducesValidationProblem();
        // As a post: unknown media (404), media used elsewhere or a key in flight (409); and a reel's own rules (422).
        api.MapPost("/reels", CreateReel).WithName(nameof(CreateReel)).WithSummary("Publish a reel: one vertical video of at most 90 s.")
            .RequireRateLimiting(RateLimitPolicies.Posts).ProducesJsonBodyProblems()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/reels", GetReels).WithName(nameof(GetReels)).WithSummary("Recommended reels; no cursor starts a new session.")
            .RequireRateLimiting(RateLimitPolicies.Feed);
        api.MapPost("/reels/{id}/watch", WatchReel).WithName(nameof(WatchReel)).WithSummary("Record how long the caller watched a reel (the longest watch counts).")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static Task<Accepted<CreatePostResponse>> CreateReel(
        CreateReelRequest request, ClaimsPrincipal user, IGrainFactory grains, IdGenerator ids, Idempotency idempotency,
        [FromHeader(Name = Idempotency.HeaderName)] string? idempotencyKey)
    {
        var post = new NewPost(user.UserId(), request.Caption ?? "", [RouteIds.Parse(request.MediaId, "mediaId")], null, PostKind.Reel);
        return PostsApi.AcceptAsync("create-reel", request, post, user, grains, ids, idempotency, idempotencyKey);
    }

    public static async Task<Ok<PageResponse<ReelResponse>>> GetReels([AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var page = await grains.GetGrain<IReelsGrain>(user.UserId()).GetPageAsync(query.ToPageRequest(cursors));
        return TypedResults.Ok(page.ToResponse(cursors, ReelResponse.From));
    }

    public static async Task<NoContent> WatchReel(string id, WatchReelRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IReelWatchesGrain>(user.UserId()).RecordAsync(RouteIds.Parse(id), request.WatchedMs!.Value);
        return TypedResults.NoContent();
    }
}
