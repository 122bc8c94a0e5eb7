using System.Security.Claims;
using Instagram.Grains.Common.Text;
using Instagram.Grains.Users;

namespace Instagram.Api.Users;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/users").WithTags("Users").RequireAuthorization().ProducesAuthorizedProblems();
        api.MapGet("/me", GetMe).WithName(nameof(GetMe)).WithSummary("The caller's own profile.");
        // An avatar is a media item: unknown (404), already used (409) or not uploaded yet (422).
        api.MapPatch("/me", UpdateMe).WithName(nameof(UpdateMe)).WithSummary("Change the caller's profile.")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{username}", GetUser).WithName(nameof(GetUser)).WithSummary("A profile by username.")
            .ProducesValidationProblem().ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<UserProfileResponse>, NotFound>> GetMe(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(user.UserId()).GetProfileAsync(user.UserId()) is { } profile
            ? TypedResults.Ok(UserProfileResponse.From(profile))
            : TypedResults.NotFound();

    public static async Task<Ok<UserProfileResponse>> UpdateMe(UpdateProfileRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var avatar = request.AvatarMediaId is { } mediaId ? RouteIds.Parse(mediaId, "avatarMediaId") : (long?)null;
        var profile = await grains.GetGrain<IUserGrain>(user.UserId())
            .UpdateProfileAsync(new ProfileUpdate(request.FullName?.Trim(), request.Bio, request.IsPrivate, avatar,
                request.CommentPolicy is { } policy ? Enum.Parse<CommentPolicy>(policy, ignoreCase: true) : null));
        return TypedResults.Ok(UserProfileResponse.From(profile));
    }

    public static async Task<Ok<UserProfileResponse>> GetUser(string username, ClaimsPrincipal user, IGrainFactory grains)
    {
        // The name becomes a grain key, and a NUL in a key fails the Cluster profile's storage with a 500.
        TextRules.EnsureAllowed(username, "username");
        var id = await grains.IdOfUsernameAsync(username);
        var profile = await grains.GetGrain<IUserGrain>(id).GetProfileAsync(user.UserId()) ?? throw DomainException.NotFound("user");
        return TypedResults.Ok(UserProfileResponse.From(profile));
    }
}
