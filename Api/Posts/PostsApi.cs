using System.Globalization;
using System.Security.Claims;
using Instagram.Api.Infrastructure.SharedState;
using Instagram.Api.Users;
using Microsoft.AspNetCore.Mvc;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;

namespace Instagram.Api.Posts;

public static class PostsApi
{
    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Posts").RequireAuthorization().ProducesAuthorizedProblems().ProducesValidationProblem();
        // Media that is unknown (404), used elsewhere or an Idempotency-Key still in flight (409), not uploaded or a
        // reused Idempotency-Key (422).
        api.MapPost("/posts", CreatePost).WithName(nameof(CreatePost)).WithSummary("Publish a post; it is processed off the request path.")
            .RequireRateLimiting(RateLimitPolicies.Posts).ProducesJsonBodyProblems()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/posts/{id}", GetPost).WithName(nameof(GetPost)).WithSummary("One post, hydrated for the caller.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapDelete("/posts/{id}", DeletePost).WithName(nameof(DeletePost)).WithSummary("Delete a post (author only).")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        api.MapGet("/users/{id}/posts", GetUserPosts).WithName(nameof(GetUserPosts)).WithSummary("The profile grid, newest first.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Accepted<CreatePostResponse>> CreatePost(
        CreatePostRequest request, ClaimsPrincipal user, IGrainFactory grains, IdGenerator ids, Idempotency idempotency,
        [FromHeader(Name = Idempotency.HeaderName)] string? idempotencyKey)
    {
        var mediaIds = request.MediaIds.Select(id => RouteIds.Parse(id, "mediaIds")).ToArray();
        var location = request.Location is { } l ? new PostLocation(l.Name.Trim(), l.Lat, l.Lng) : null;
        return await AcceptAsync("create-post", request, new NewPost(user.UserId(), request.Caption ?? "", mediaIds, location),
            user, grains, ids, idempotency, idempotencyKey);
    }

    /// <summary>
    /// The one creation path of posts and reels: a fresh post id, the post grain's checks, and the Idempotency-Key
    /// (<paramref name="operation"/> keeps a post's and a reel's keys apart).
    /// </summary>
    internal static async Task<Accepted<CreatePostResponse>> AcceptAsync(string operation, object request, NewPost post,
        ClaimsPrincipal user, IGrainFactory grains, IdGenerator ids, Idempotency idempotency, string? idempotencyKey)
    {
        var created = await idempotency.RunOnceAsync(user, operation, idempotencyKey, request, async () =>
        {
            var postId = ids.NextId();
            var status = await grains.GetGrain<IPostGrain>(postId).CreateAsync(post);
            return new CreatePostResponse(postId.ToString(CultureInfo.InvariantCulture), status.ToString().ToLowerInvariant());
        });
        return TypedResults.Accepted($"/v1/posts/{created.PostId}", created);
    }

    public static async Task<Ok<PostResponse>> GetPost(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IPostGrain>(RouteIds.Parse(id)).GetViewAsync(user.UserId()) ?? throw DomainException.NotFound("post");
        var refusal = await grains.GetGrain<IUserGrain>(view.Post.AuthorId).CommentRefusalAsync(user.UserId());
        return TypedResults.Ok(PostResponse.From(view) with { CanComment = refusal is null });
    }

    public static async Task<NoContent> DeletePost(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IPostGrain>(RouteIds.Parse(id)).DeleteAsync(user.UserId());
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PageResponse<PostResponse>>> GetUserPosts(string id, [AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var userId = RouteIds.Parse(id);
        var page = query.ToPageRequest(cursors);
        var posts = await grains.GetGrain<Grains.Users.IUserGrain>(userId).GetPostsAsync(user.UserId(), page);
        return TypedResults.Ok(posts.ToResponse(cursors, PostResponse.From));
    }
}
