using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Instagram.Api.Infrastructure.SharedState;
using Instagram.Api.Infrastructure.Validation;
using Instagram.Api.Moderation;
using Instagram.Api.Users;
using Instagram.Grains.Comments;
using Instagram.Grains.Posts;
using Microsoft.AspNetCore.Mvc;

namespace Instagram.Api.Comments;

public static class CommentsApi
{
    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/posts/{id}/comments").WithTags("Comments").RequireAuthorization().ProducesAuthorizedProblems()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("", GetComments).WithName(nameof(GetComments)).WithSummary("Comments on a post, oldest first.");
        // 403: the post's comment policy excludes the caller; 409/422: an Idempotency-Key in flight or reused, a
        // parent on another post, a reply to a reply, or a bot-speed limit (the same text on many posts, a link from a
        // new account).
        api.MapPost("", CreateComment).WithName(nameof(CreateComment)).WithSummary("Comment on a post, or reply to a comment.")
            .RequireRateLimiting(RateLimitPolicies.Comments).ProducesJsonBodyProblems()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/{commentId}", DeleteComment).WithName(nameof(DeleteComment)).WithSummary("Delete a comment (its author or the post's author).")
            .ProducesProblems(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Ok<PageResponse<CommentResponse>>> GetComments(string id, [AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var postId = RouteIds.Parse(id);
        var page = query.ToPageRequest(cursors);
        var comments = await grains.GetGrain<IPostGrain>(postId).GetCommentsAsync(user.UserId(), page);
        return TypedResults.Ok(new PageResponse<CommentResponse>(
            [.. comments.Items.Select(c => CommentResponse.From(c.Comment, UserSummaryResponse.From(c.Author)))], cursors.Encode(comments.NextCursor)));
    }

    public static async Task<Created<CommentResponse>> CreateComment(string id, CreateCommentRequest request, ClaimsPrincipal user,
        IGrainFactory grains, IdGenerator ids, Idempotency idempotency, AbuseGuard abuse, [FromHeader(Name = Idempotency.HeaderName)] string? idempotencyKey)
    {
        var postId = RouteIds.Parse(id);
        var parentId = request.ParentId is { } parent ? RouteIds.Parse(parent, "parentId") : (long?)null;
        var created = await idempotency.RunOnceAsync(user, $"comment:{postId}", idempotencyKey, request, async () =>
        {
            var repeat = await abuse.AdmitCommentAsync(user.UserId(), postId, request.Text);
            var comment = await grains.GetGrain<ICommentGrain>(ids.NextId()).CreateAsync(new NewComment(postId, user.UserId(), request.Text, parentId));
            await abuse.RecordCommentAsync(user.UserId(), postId, repeat);
            var author = (await grains.SummariesAsync([comment.AuthorId]))[0];
            return CommentResponse.From(comment, author);
        });
        return TypedResults.Created($"/v1/posts/{id}/comments/{created.Id}", created);
    }

    public static async Task<NoContent> DeleteComment(string id, string commentId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var postId = RouteIds.Parse(id);
        await grains.GetGrain<ICommentGrain>(RouteIds.Parse(commentId, "commentId")).DeleteAsync(user.UserId(), postId);
        return TypedResults.NoContent();
    }
}

public sealed class CreateCommentRequest
{
    [Required(ErrorMessage = "text is required."), MinLength(1, ErrorMessage = "text must not be empty."),
     MaxLength(2200, ErrorMessage = "text may be at most 2200 characters."), PlainText(MultiLine = true)]
    public string Text { get; init; } = "";

    public string? ParentId { get; init; }
}

public sealed record CommentResponse(string Id, UserSummaryResponse Author, string Text, string? ParentId, DateTimeOffset CreatedAt, long LikeCount)
{
    public static CommentResponse From(CommentDetails comment, UserSummaryResponse author) => new(
        comment.Id.ToString(CultureInfo.InvariantCulture), author, comment.Text,
        comment.ParentId?.ToString(CultureInfo.InvariantCulture), comment.CreatedAt, LikeCount: 0);
}
