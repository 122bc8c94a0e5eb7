using System.Security.Claims;
using Instagram.Api.Moderation;
using Instagram.Api.Users;
using Instagram.Grains.Graph;
using Instagram.Grains.Users;

namespace Instagram.Api.Graph;

public static class GraphApi
{
    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder app)
    {
        // Every route names a user by id: one that is not a numeric id is a 400.
        var api = app.MapGroup("/v1/users/{id}").WithTags("Graph").RequireAuthorization().ProducesAuthorizedProblems().ProducesValidationProblem();
        // 429 also when the caller followed Abuse:MaxFollowsPerHour accounts within the hour (with Retry-After).
        api.MapPost("/follow", Follow).WithName(nameof(Follow)).WithSummary("Follow a user (idempotent).")
            .RequireRateLimiting(RateLimitPolicies.Follows).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/follow", Unfollow).WithName(nameof(Unfollow)).WithSummary("Unfollow a user (idempotent).")
            .RequireRateLimiting(RateLimitPolicies.Follows).ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("/followers", GetFollowers).WithName(nameof(GetFollowers)).WithSummary("Who follows the user, newest first.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        api.MapGet("/following", GetFollowing).WithName(nameof(GetFollowing)).WithSummary("Whom the user follows, newest first.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        api.MapPost("/block", Block).WithName(nameof(Block)).WithSummary("Block a user: follows end both ways and each disappears for the other.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/block", Unblock).WithName(nameof(Unblock)).WithSummary("Unblock a user (idempotent).");

        var requests = app.MapGroup("/v1/follow-requests").WithTags("Graph").RequireAuthorization().ProducesAuthorizedProblems().ProducesValidationProblem();
        requests.MapGet("", GetFollowRequests).WithName(nameof(GetFollowRequests)).WithSummary("Pending requests to follow the caller.");
        requests.MapPost("/{userId}/approve", ApproveFollowRequest).WithName(nameof(ApproveFollowRequest)).WithSummary("Approve a request.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        requests.MapPost("/{userId}/decline", DeclineFollowRequest).WithName(nameof(DeclineFollowRequest)).WithSummary("Decline a request.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<FollowResponse>> Follow(string id, ClaimsPrincipal user, IGrainFactory grains, AbuseGuard abuse)
    {
        var targetId = RouteIds.Parse(id);
        await abuse.AdmitFollowAsync(user.UserId(), targetId);
        var state = await grains.GetGrain<IFollowingGrain>(user.UserId()).FollowAsync(targetId);
        return TypedResults.Ok(new FollowResponse(state.ToString().ToLowerInvariant()));
    }

    public static async Task<NoContent> Unfollow(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var targetId = RouteIds.Parse(id);
        await grains.EnsureUserExistsAsync(targetId);
        await grains.GetGrain<IFollowingGrain>(user.UserId()).UnfollowAsync(targetId);
        return TypedResults.NoContent();
    }

    public static Task<Ok<PageResponse<UserSummaryResponse>>> GetFollowers(string id, [AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors) =>
        ListUsersAsync(id, query, user, cursors, (userId, viewerId, page) => grains.GetGrain<IUserGrain>(userId).GetFollowersAsync(viewerId, page));

    public static Task<Ok<PageResponse<UserSummaryResponse>>> GetFollowing(string id, [AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors) =>
        ListUsersAsync(id, query, user, cursors, (userId, viewerId, page) => grains.GetGrain<IUserGrain>(userId).GetFollowingAsync(viewerId, page));

    public static async Task<NoContent> Block(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IBlocksGrain>(user.UserId()).BlockAsync(RouteIds.Parse(id));
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> Unblock(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IBlocksGrain>(user.UserId()).UnblockAsync(RouteIds.Parse(id));
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PageResponse<UserSummaryResponse>>> GetFollowRequests([AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var requests = await grains.GetGrain<IFollowRequestsGrain>(user.UserId()).GetRequestersAsync(query.ToPageRequest(cursors));
        return TypedResults.Ok(new PageResponse<UserSummaryResponse>([.. requests.Items.Select(UserSummaryResponse.From)], cursors.Encode(requests.NextCursor)));
    }

    public static async Task<NoContent> ApproveFollowRequest(string userId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IFollowRequestsGrain>(user.UserId()).ApproveAsync(RouteIds.Parse(userId, "userId"));
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeclineFollowRequest(string userId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IFollowRequestsGrain>(user.UserId()).DeclineAsync(RouteIds.Parse(userId, "userId"));
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PageResponse<UserSummaryResponse>>> ListUsersAsync(
        string id, PageQuery query, ClaimsPrincipal user, CursorCodec cursors, Func<long, long, PageRequest, Task<Page<UserSummary>>> list)
    {
        var userId = RouteIds.Parse(id);
        var page = query.ToPageRequest(cursors);
        var users = await list(userId, user.UserId(), page);
        return TypedResults.Ok(new PageResponse<UserSummaryResponse>([.. users.Items.Select(UserSummaryResponse.From)], cursors.Encode(users.NextCursor)));
    }
}
