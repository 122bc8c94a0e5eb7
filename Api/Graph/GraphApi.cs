using System.Security.Claims;
using Instagram.Api.Users;
using Instagram.Grains.Graph;

namespace Instagram.Api.Graph;

public static class GraphApi
{
    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/users/{id}").WithTags("Graph").RequireAuthorization();
        api.MapPost("/follow", Follow).WithName(nameof(Follow)).WithSummary("Follow a user (idempotent).")
            .RequireRateLimiting(RateLimitPolicies.Follows);
        api.MapDelete("/follow", Unfollow).WithName(nameof(Unfollow)).WithSummary("Unfollow a user (idempotent).")
            .RequireRateLimiting(RateLimitPolicies.Follows);
        api.MapGet("/followers", GetFollowers).WithName(nameof(GetFollowers)).WithSummary("Who follows the user, newest first.");
        api.MapGet("/following", GetFollowing).WithName(nameof(GetFollowing)).WithSummary("Whom the user follows, newest first.");
        return app;
    }

    public static async Task<Ok<FollowResponse>> Follow(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var state = await grains.GetGrain<IFollowingGrain>(user.UserId()).FollowAsync(RouteIds.Parse(id));
        return TypedResults.Ok(new FollowResponse(state.ToString().ToLowerInvariant()));
    }

    public static async Task<NoContent> Unfollow(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var targetId = RouteIds.Parse(id);
        await grains.EnsureUserExistsAsync(targetId);
        await grains.GetGrain<IFollowingGrain>(user.UserId()).UnfollowAsync(targetId);
        return TypedResults.NoContent();
    }

    public static Task<Ok<PageResponse<UserSummaryResponse>>> GetFollowers(string id, [AsParameters] PageQuery query, IGrainFactory grains, CursorCodec cursors) =>
        ListUsersAsync(id, query, grains, cursors, (userId, page) => grains.GetGrain<IFollowersGrain>(userId).GetPageAsync(page));

    public static Task<Ok<PageResponse<UserSummaryResponse>>> GetFollowing(string id, [AsParameters] PageQuery query, IGrainFactory grains, CursorCodec cursors) =>
        ListUsersAsync(id, query, grains, cursors, (userId, page) => grains.GetGrain<IFollowingGrain>(userId).GetPageAsync(page));

    private static async Task<Ok<PageResponse<UserSummaryResponse>>> ListUsersAsync(
        string id, PageQuery query, IGrainFactory grains, CursorCodec cursors, Func<long, PageRequest, Task<Page<long>>> list)
    {
        var userId = RouteIds.Parse(id);
        var page = query.ToPageRequest(cursors);
        await grains.EnsureUserExistsAsync(userId);
        var ids = await list(userId, page);
        var users = await grains.SummariesAsync(ids.Items);
        return TypedResults.Ok(new PageResponse<UserSummaryResponse>(users, cursors.Encode(ids.NextCursor)));
    }
}
