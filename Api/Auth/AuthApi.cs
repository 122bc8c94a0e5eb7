using System.Globalization;
using Instagram.Api.Infrastructure.Dashboard;
using Instagram.Api.Infrastructure.RateLimiting;
using Instagram.Api.Users;
using Instagram.Grains.Auth;
using Instagram.Grains.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Instagram.Api.Auth;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/auth").WithTags("Auth").ProducesCommonProblems();
        // Anonymous endpoints: a budget per client address, and login also per account (LoginBackoff).
        api.MapPost("/register", Register).RequireRateLimiting(RateLimitPolicies.Auth).WithName(nameof(Register)).WithSummary("Create an account and sign in.")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status409Conflict);
        // 403: the account is suspended.
        api.MapPost("/login", Login).RequireRateLimiting(RateLimitPolicies.Auth).WithName(nameof(Login)).WithSummary("Sign in with a username or email.")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        api.MapPost("/refresh", Refresh).RequireRateLimiting(RateLimitPolicies.Auth).WithName(nameof(Refresh)).WithSummary("Trade a refresh token for a new pair (rotation).")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        api.MapPost("/logout", Logout).WithName(nameof(Logout)).WithSummary("End the session: both tokens stop working.")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    public static async Task<Created<TokenResponse>> Register(RegisterRequest request, AuthServices services)
    {
        var username = AccountRules.NormalizeUsername(request.Username);
        var email = AccountRules.NormalizeEmail(request.Email);
        AccountRules.EnsureValidUsername(username);
        AccountRules.EnsureValidEmail(email);

        var userId = services.Ids.NextId();
        var usernameReservation = services.Grains.GetGrain<INameReservationGrain>(NameReservationKeys.ForUsername(username));
        var emailReservation = services.Grains.GetGrain<INameReservationGrain>(NameReservationKeys.ForEmail(email));
        if (!await usernameReservation.TryReserveAsync(userId))
        {
            throw DomainException.Conflict(TakenMessage);
        }

        UserSummary user;
        try
        {
            if (!await emailReservation.TryReserveAsync(userId))
            {
                throw DomainException.Conflict(TakenMessage);
            }

            var hash = services.Hasher.HashPassword(new AccountCredentials(), request.Password);
            user = await services.Grains.GetGrain<IUserGrain>(userId).CreateAsync(new NewAccount(username, email, hash, request.FullName?.Trim()));
        }
        catch
        {
            // Nothing half-written: give back whatever this attempt reserved.
            await Task.WhenAll(usernameReservation.ReleaseAsync(userId), emailReservation.ReleaseAsync(userId));
            throw;
        }

        var tokens = await StartSessionAsync(user, services);
        return TypedResults.Created($"/v1/users/{username}", tokens with { User = UserSummaryResponse.From(user) });
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(LoginRequest request, AuthServices services, HttpResponse response)
    {
        var login = request.Login.Trim().ToLowerInvariant();
        var key = login.Contains('@', StringComparison.Ordinal) ? NameReservationKeys.ForEmail(login) : NameReservationKeys.ForUsername(login);
        var userId = await services.Grains.GetGrain<INameReservationGrain>(key).GetOwnerAsync();

        // One budget per account whichever name is typed; an unknown login gets one too, so the lock tells nothing.
        var account = userId is { } known ? "user:" + known.ToString(CultureInfo.InvariantCulture) : "login:" + login;
        var turn = await services.LoginBackoff.TakeTurnAsync(account);
        if (!turn.Allowed)
        {
            RateLimitingExtensions.SetRetryAfter(response, turn.RetryAfter);
            return TypedResults.Problem("Too many sign-in attempts for this account; retry after the number of seconds in Retry-After.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
        }

        bool verified;
        if (userId is { } id)
        {
            verified = await services.Grains.GetGrain<IUserGrain>(id).VerifyPasswordAsync(request.Password);
        }
        else
        {
            // Verify against a throwaway hash when the account is unknown, so timing does not reveal which logins exist.
            services.Hasher.VerifyHashedPassword(new AccountCredentials(), UnknownAccountHash.Value, request.Password);
            verified = false;
        }

        if (!verified || await services.Grains.GetGrain<IUserGrain>(userId!.Value).GetSummaryAsync() is not { } user)
        {
            return InvalidCredentials("Invalid login or password.");
        }

        await services.LoginBackoff.ResetAsync(account);
        // Told only after the password is right, so the answer does not tell strangers which accounts are suspended.
        return user.IsSuspended ? AccountSuspended() : TypedResults.Ok(await StartSessionAsync(user, services));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(RefreshRequest request, AuthServices services, ITokenRevocationList revocations)
    {
        if (TokenService.ParseRefreshToken(request.RefreshToken) is not var (sessionId, presentedHash))
        {
            return InvalidCredentials("The refresh token is not valid.");
        }

        var (next, nextHash) = TokenService.CreateRefreshToken(sessionId);
        long? userId;
        try
        {
            userId = await services.Grains.GetGrain<ISessionGrain>(sessionId).RotateAsync(presentedHash, nextHash, services.Tokens.RefreshTokenExpiry());
        }
        catch (DomainException ex) when (ex.Kind == DomainErrorKind.Forbidden)
        {
            return AccountSuspended(); // and the session is over
        }

        if (userId is not { } id || await services.Grains.GetGrain<IUserGrain>(id).GetSummaryAsync() is not { } user)
        {
            // A spent token presented again means theft: the session grain has ended the session, and its access
            // tokens (the thief's and the owner's) must stop working too, not live on until they expire.
            await revocations.RevokeAsync(sessionId, services.Tokens.RevocationEnd());
            return InvalidCredentials("The refresh token is not valid.");
        }

        return TypedResults.Ok(new TokenResponse(services.AccessToken(user, sessionId), next, services.AccessTokenSeconds));
    }

    public static async Task<NoContent> Logout(HttpContext http, AuthServices services, ITokenRevocationList revocations)
    {
        if (http.User.SessionId() is { } sessionId)
        {
            await services.Grains.GetGrain<ISessionGrain>(sessionId).RevokeAsync();
            await revocations.RevokeAsync(sessionId, services.Tokens.RevocationEnd());
        }

        return TypedResults.NoContent();
    }

    private static async Task<TokenResponse> StartSessionAsync(UserSummary user, AuthServices services)
    {
        var sessionId = TokenService.NewSessionId();
        var (refresh, hash) = TokenService.CreateRefreshToken(sessionId);
        await services.Grains.GetGrain<ISessionGrain>(sessionId).StartAsync(user.Id, hash, services.Tokens.RefreshTokenExpiry());
        return new TokenResponse(services.AccessToken(user, sessionId), refresh, services.AccessTokenSeconds);
    }

    // One answer whether the username or the email is taken, so registering does not tell which emails have accounts.
    private const string TakenMessage = "That username or email is already in use.";

    private static ProblemHttpResult InvalidCredentials(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    private static ProblemHttpResult AccountSuspended() =>
        TypedResults.Problem(Suspension.Message, statusCode: StatusCodes.Status403Forbidden, title: "Account suspended");

    private static readonly Lazy<string> UnknownAccountHash =
        new(() => new PasswordHasher<AccountCredentials>().HashPassword(new AccountCredentials(), Guid.NewGuid().ToString()));
}

/// <summary>What the auth endpoints share, injected as one service to keep their signatures short.</summary>
public sealed class AuthServices(IGrainFactory grains, IdGenerator ids, TokenService tokens,
    IPasswordHasher<AccountCredentials> hasher, ILoginBackoff loginBackoff, IOptions<LoginBackoffOptions> backoff, IOptions<JwtOptions> jwt,
    IOptionsMonitor<AdminOptions> admins)
{
    public ILoginBackoff LoginBackoff { get; } = backoff.Value.Enabled ? loginBackoff : NoLoginBackoff.Instance;

    public IGrainFactory Grains { get; } = grains;
    public IdGenerator Ids { get; } = ids;
    public TokenService Tokens { get; } = tokens;
    public IPasswordHasher<AccountCredentials> Hasher { get; } = hasher;
    public int AccessTokenSeconds { get; } = (int)jwt.Value.AccessTokenLifetime.TotalSeconds;

    /// <summary>An access token for the user's session, with the admin role when the username is listed as an admin.</summary>
    public string AccessToken(UserSummary user, string sessionId) => Tokens.CreateAccessToken(user.Id, sessionId, admins.CurrentValue.IsAdmin(user.Username));
}
