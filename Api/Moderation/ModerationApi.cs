using System.Globalization;
using System.Security.Claims;
using Instagram.Api.Auth;
using Instagram.Api.Infrastructure.Dashboard;
using Instagram.Grains.Moderation;
using Microsoft.AspNetCore.Mvc;

namespace Instagram.Api.Moderation;

public static class ModerationApi
{
    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/v1/reports").WithTags("Moderation").RequireAuthorization().ProducesAuthorizedProblems();
        // 404: the target is unknown or hidden from the caller (a message: not in a conversation they take part in); 422:
        // one's own account or content.
        reports.MapPost("", FileReport).WithName(nameof(FileReport)).WithSummary("Report a post, comment, user, story or direct message to the admins.")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        // Admins only (the role in their token): 401 without a token, 403 for everyone else.
        var admin = app.MapGroup("/v1/admin").WithTags("Admin").RequireAuthorization(AdminRole.PolicyName)
            .ProducesAuthorizedProblems().ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        admin.MapGet("/reports", GetReports).WithName(nameof(GetReports)).WithSummary("The report queue: open items oldest first, or resolved items latest first.");
        // 404: no such item; 409: resolved already.
        admin.MapPost("/reports/{id}/resolve", ResolveReport).WithName(nameof(ResolveReport)).WithSummary("Dismiss a report item, remove its target, or suspend its author.")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        admin.MapGet("/actions", GetAdminActions).WithName(nameof(GetAdminActions)).WithSummary("The audit log of admin actions, newest first.");
        // 404: no such user; 409: suspended already (or, lifting, not suspended); 422: suspending oneself.
        admin.MapPost("/users/{id}/suspend", SuspendUser).WithName(nameof(SuspendUser)).WithSummary("Suspend an account: its sessions end and its content is hidden.")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        admin.MapDelete("/users/{id}/suspend", LiftSuspension).WithName(nameof(LiftSuspension)).WithSummary("Lift a suspension: the account's content shows again.")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Accepted<FileReportResponse>> FileReport(FileReportRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var target = new ReportTarget(request.TargetType!.Value, RouteIds.Parse(request.TargetId, "targetId"));
        var reportId = await grains.GetGrain<IModerationGrain>(0).FileReportAsync(user.UserId(), target, request.Reason);
        return TypedResults.Accepted((string?)null, new FileReportResponse(reportId.ToString(CultureInfo.InvariantCulture)));
    }

    public static async Task<Ok<PageResponse<ReportItemResponse>>> GetReports(string? status, [AsParameters] PageQuery query, IGrainFactory grains, CursorCodec cursors)
    {
        var wanted = status switch
        {
            null or "open" => ReportStatus.Open,
            "resolved" => ReportStatus.Resolved,
            _ => throw DomainException.InvalidInput("status must be 'open' or 'resolved'."),
        };
        var page = await grains.GetGrain<IModerationGrain>(0).GetReportsAsync(wanted, query.ToPageRequest(cursors));
        return TypedResults.Ok(page.ToResponse(cursors, ReportItemResponse.From));
    }

    public static async Task<Ok<ReportItemResponse>> ResolveReport(string id, ResolveReportRequest request, ClaimsPrincipal user,
        IGrainFactory grains, SessionEnder sessions)
    {
        var action = Enum.Parse<ModerationAction>(request.Action, ignoreCase: true);
        var item = await grains.GetGrain<IReportGrain>(RouteIds.Parse(id)).ResolveAsync(action, user.UserId(), request.Note);
        if (item.Resolution?.AffectedUserId is { } suspended)
        {
            await sessions.EndAllAsync(suspended);
        }

        return TypedResults.Ok(ReportItemResponse.From(item));
    }

    public static async Task<Ok<PageResponse<AdminActionResponse>>> GetAdminActions([AsParameters] PageQuery query, IGrainFactory grains, CursorCodec cursors)
    {
        var page = await grains.GetGrain<IModerationGrain>(0).GetActionsAsync(query.ToPageRequest(cursors));
        return TypedResults.Ok(page.ToResponse(cursors, AdminActionResponse.From));
    }

    public static async Task<Ok<AdminActionResponse>> SuspendUser(string id, [FromBody] AdminNoteRequest? request, ClaimsPrincipal user,
        IGrainFactory grains, SessionEnder sessions)
    {
        var userId = RouteIds.Parse(id);
        var action = await grains.GetGrain<IModerationGrain>(0).SuspendAsync(userId, user.UserId(), request?.Note);
        await sessions.EndAllAsync(userId);
        return TypedResults.Ok(AdminActionResponse.From(action));
    }

    public static async Task<Ok<AdminActionResponse>> LiftSuspension(string id, [FromBody] AdminNoteRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var action = await grains.GetGrain<IModerationGrain>(0).LiftSuspensionAsync(RouteIds.Parse(id), user.UserId(), request?.Note);
        return TypedResults.Ok(AdminActionResponse.From(action));
    }
}
