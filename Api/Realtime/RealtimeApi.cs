using System.Security.Claims;
using Instagram.Grains.Realtime;
using Microsoft.AspNetCore.Http.Connections;

namespace Instagram.Api.Realtime;

public static class RealtimeApi
{
    public static IEndpointRouteBuilder MapRealtimeApi(this IEndpointRouteBuilder app)
    {
        // An access token that expires closes the connection; the client reconnects with a fresh one.
        app.MapHub<RealtimeHub>(RealtimeHub.Path, options => options.CloseOnAuthenticationExpiration = true);

        var api = app.MapGroup("/v1/users").WithTags("Presence").RequireAuthorization().ProducesAuthorizedProblems();
        api.MapGet("/{id}/presence", GetPresence).WithName(nameof(GetPresence))
            .WithSummary("Whether a user is online and when they were last active; only for people the caller has a conversation with.")
            .ProducesValidationProblem().ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<PresenceResponse>> GetPresence(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var presence = await grains.GetGrain<IUserRealtimeGrain>(RouteIds.Parse(id)).GetPresenceAsync(user.UserId())
            ?? throw DomainException.NotFound("user");
        return TypedResults.Ok(new PresenceResponse(presence.Online, presence.LastActiveAt));
    }
}

public sealed record PresenceResponse(bool Online, DateTimeOffset? LastActiveAt);
