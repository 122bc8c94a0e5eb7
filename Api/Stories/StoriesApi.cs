using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Instagram.Api.Posts;
using Instagram.Api.Users;
using Instagram.Grains.Stories;

namespace Instagram.Api.Stories;

public static class StoriesApi
{
    public static IEndpointRouteBuilder MapStoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/stories").WithTags("Stories").RequireAuthorization().ProducesAuthorizedProblems();
        // The media item: unknown or someone else's (404), used elsewhere (409), not uploaded or unusable (422).
        api.MapPost("", CreateStory).WithName(nameof(CreateStory)).WithSummary("Post a story; it expires after Stories:Lifetime.")
            .RequireRateLimiting(RateLimitPolicies.Stories).ProducesJsonBodyProblems()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/feed", GetStoryTray).WithName(nameof(GetStoryTray)).WithSummary("The tray: followed users with active stories, unseen first.");
        // A story the caller may not see, or (viewers, delete) does not own, is as good as unknown: 404, never 403.
        api.MapPost("/{id}/view", ViewStory).WithName(nameof(ViewStory)).WithSummary("Record that the caller saw a story (idempotent).")
            .ProducesValidationProblem().ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/viewers", GetStoryViewers).WithName(nameof(GetStoryViewers)).WithSummary("Who saw a story (its author only).")
            .ProducesValidationProblem().ProducesProblems(StatusCodes.Status404NotFound);
        api.MapDelete("/{id}", DeleteStory).WithName(nameof(DeleteStory)).WithSummary("Delete a story (its author only).")
            .ProducesValidationProblem().ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Created<CreateStoryResponse>> CreateStory(CreateStoryRequest request, ClaimsPrincipal user, IGrainFactory grains, IdGenerator ids)
    {
        var mediaId = RouteIds.Parse(request.MediaId, "mediaId");
        var story = await grains.GetGrain<IStoryGrain>(ids.NextId()).CreateAsync(user.UserId(), mediaId);
        var id = story.Id.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Created($"/v1/stories/{id}", new CreateStoryResponse(id, story.ExpiresAt));
    }

    public static async Task<Ok<TrayEntryResponse[]>> GetStoryTray(ClaimsPrincipal user, IGrainFactory grains)
    {
        var tray = await grains.GetGrain<IStoryTrayGrain>(user.UserId()).GetTrayAsync();
        return TypedResults.Ok(tray.Select(TrayEntryResponse.From).ToArray());
    }

    public static async Task<NoContent> ViewStory(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IStoryGrain>(RouteIds.Parse(id)).ViewAsync(user.UserId());
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PageResponse<UserSummaryResponse>>> GetStoryViewers(string id, [AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var viewers = await grains.GetGrain<IStoryGrain>(RouteIds.Parse(id)).GetViewerSummariesAsync(user.UserId(), query.ToPageRequest(cursors));
        return TypedResults.Ok(new PageResponse<UserSummaryResponse>([.. viewers.Items.Select(UserSummaryResponse.From)], cursors.Encode(viewers.NextCursor)));
    }

    public static async Task<NoContent> DeleteStory(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IStoryGrain>(RouteIds.Parse(id)).DeleteAsync(user.UserId());
        return TypedResults.NoContent();
    }
}

public sealed class CreateStoryRequest
{
    [Required(ErrorMessage = "mediaId is required.")]
    public string MediaId { get; init; } = "";
}

public sealed record CreateStoryResponse(string StoryId, DateTimeOffset ExpiresAt);

public sealed record StoryResponse(string Id, MediaResponse Media, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Seen);

public sealed record TrayEntryResponse(UserSummaryResponse User, IReadOnlyList<StoryResponse> Stories, bool AllSeen)
{
    public static TrayEntryResponse From(TrayEntry entry) => new(
        UserSummaryResponse.From(entry.User),
        [.. entry.Stories.Select(s => new StoryResponse(s.Story.Id.ToString(CultureInfo.InvariantCulture), MediaResponse.From(s.Story.Media),
            s.Story.CreatedAt, s.Story.ExpiresAt, s.Seen))],
        entry.AllSeen);
}
