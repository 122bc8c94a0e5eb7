using System.Globalization;
using System.Security.Claims;
using Instagram.Grains.Moderation;

namespace Instagram.Api.Moderation;

public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/reports").WithTags("Moderation").RequireAuthorization().ProducesAuthorizedProblems();
        // 404: the target is unknown or hidden from the caller; 422: one's own account or content, or a message (not yet).
        api.MapPost("", FileReport).WithName(nameof(FileReport)).WithSummary("Report a post, comment, user or story to the admins.")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Accepted<FileReportResponse>> FileReport(FileReportRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var target = new ReportTarget(request.TargetType!.Value, RouteIds.Parse(request.TargetId, "targetId"));
        var reportId = await grains.GetGrain<IModerationGrain>(0).FileReportAsync(user.UserId(), target, request.Reason);
        return TypedResults.Accepted((string?)null, new FileReportResponse(reportId.ToString(CultureInfo.InvariantCulture)));
    }
}
