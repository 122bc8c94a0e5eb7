using System.Globalization;
using System.Security.Claims;
using Instagram.Api.Users;
using Instagram.Grains.Notifications;

namespace Instagram.Api.Notifications;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/notifications").WithTags("Notifications").RequireAuthorization().ProducesAuthorizedProblems();
        api.MapGet("", GetNotifications).WithName(nameof(GetNotifications)).WithSummary("The caller's inbox, newest first.")
            .ProducesValidationProblem();
        api.MapPost("/read", MarkNotificationsRead).WithName(nameof(MarkNotificationsRead)).WithSummary("Mark notifications read up to an id.")
            .ProducesJsonBodyProblems();
        return app;
    }

    public static async Task<Ok<PageResponse<NotificationResponse>>> GetNotifications([AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var page = await grains.GetGrain<INotificationsGrain>(user.UserId()).GetPageAsync(query.ToPageRequest(cursors));
        return TypedResults.Ok(page.ToResponse(cursors, NotificationResponse.From));
    }

    public static async Task<NoContent> MarkNotificationsRead(MarkReadRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<INotificationsGrain>(user.UserId()).MarkReadAsync(RouteIds.Parse(request.UpTo, "upTo"));
        return TypedResults.NoContent();
    }
}

public sealed class MarkReadRequest
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "upTo is required.")]
    public string UpTo { get; init; } = "";
}

public sealed record NotificationResponse(string Id, string Type, IReadOnlyList<UserSummaryResponse> Actors, long ActorCount,
    NotificationPostResponse? Post, DateTimeOffset CreatedAt, bool Read)
{
    public static NotificationResponse From(NotificationView view) => new(
        view.Id.ToString(CultureInfo.InvariantCulture),
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(view.Type.ToString()),
        [.. view.Actors.Select(UserSummaryResponse.From)],
        view.ActorCount,
        view.PostId is { } postId ? new NotificationPostResponse(postId.ToString(CultureInfo.InvariantCulture)) : null,
        view.CreatedAt,
        view.Read);
}

public sealed record NotificationPostResponse(string Id);
