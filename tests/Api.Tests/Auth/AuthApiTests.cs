using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Instagram.Api.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class AuthApiTests(ApiFactory factory)
{
    private readonly HttpClient _anonymous = factory.CreateClient();

    [Fact]
    public async Task RegisterReturnsTokensAndTheNewUser()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var me = await user.GetJsonAsync("/v1/users/me");
        Assert.Equal(user.Username, me!["username"]!.GetValue<string>());
        Assert.Equal(user.Id, me["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task UsernamesAreUniqueCaseInsensitively()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var response = await Register(user.Username.ToUpperInvariant(), $"other{Guid.NewGuid():N}@example.com");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task EmailsAreUnique()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var response = await Register("fresh_" + Guid.NewGuid().ToString("N")[..10], $"{user.Username}@EXAMPLE.com");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("bad name!", "ok@example.com", "longenough")]
    [InlineData("this_username_is_far_too_long_for_us", "ok@example.com", "longenough")]
    [InlineData("", "ok@example.com", "longenough")]
    [InlineData("fine_name", "not-an-email", "longenough")]
    [InlineData("fine_name", "a@b", "longenough")]
    [InlineData("fine_name", "ok@example.com", "short")]
    public async Task InvalidRegistrationsAreRejectedAndWriteNothing(string username, string email, string password)
    {
        var response = await _anonymous.PostAsJsonAsync("/v1/auth/register", new { username, email, password });
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var login = await _anonymous.PostAsJsonAsync("/v1/auth/login", new { login = username, password });
        // An empty login fails LoginRequest's [Required] (400); any other name belongs to no account (401).
        Assert.Equal(username.Length == 0 ? HttpStatusCode.BadRequest : HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Theory]
    [InlineData("{\"username\": \"abc\",")]
    [InlineData("{\"username\": 12, \"email\": \"a@example.com\", \"password\": \"longenough\"}")]
    [InlineData("[]")]
    public async Task MalformedJsonIsABadRequestProblem(string body)
    {
        var response = await _anonymous.PostAsync("/v1/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LoginWorksWithUsernameOrEmailAndRejectsWrongPasswords()
    {
        var user = await ApiClient.RegisterAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await Login(user.Username, "correct horse battery")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Login($"{user.Username}@example.com", "correct horse battery")).StatusCode);
        await ProblemAssert.IsProblemAsync(await Login(user.Username, "wrong password"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await Login("nobody_" + Guid.NewGuid().ToString("N")[..8], "whatever1"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefreshRotatesAndASpentTokenRevokesTheSession()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var first = await Refresh(user.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rotated = (await first.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!.GetValue<string>();
        Assert.NotEqual(user.RefreshToken, rotated);

        // Replaying the spent token is treated as theft: refused, and the rotated one dies with the session.
        await ProblemAssert.IsProblemAsync(await Refresh(user.RefreshToken), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await Refresh(rotated), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AReplayedRefreshTokenAlsoEndsTheSessionsAccessTokens()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var first = await Refresh(user.RefreshToken);
        var rotatedAccess = (await first.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await GetMeWith(user.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeWith(rotatedAccess)).StatusCode);

        await ProblemAssert.IsProblemAsync(await Refresh(user.RefreshToken), HttpStatusCode.Unauthorized); // the replay

        await ProblemAssert.IsProblemAsync(await GetMeWith(user.AccessToken), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await GetMeWith(rotatedAccess), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATakenEmailAndATakenUsernameGetTheSameAnswer()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var takenEmail = await Register("fresh_" + Guid.NewGuid().ToString("N")[..10], $"{user.Username}@example.com");
        var takenName = await Register(user.Username, $"other{Guid.NewGuid():N}@example.com");
        var emailDetail = (await ProblemAssert.IsProblemAsync(takenEmail, HttpStatusCode.Conflict))["detail"]!.GetValue<string>();
        var nameDetail = (await ProblemAssert.IsProblemAsync(takenName, HttpStatusCode.Conflict))["detail"]!.GetValue<string>();
        Assert.Equal(nameDetail, emailDetail);
    }

    [Fact]
    public async Task LogoutKillsBothTokens()
    {
        var user = await ApiClient.RegisterAsync(factory);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.PostAsync("/v1/auth/logout", null)).StatusCode);

        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await Refresh(user.RefreshToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MissingTamperedAndExpiredTokensAreUnauthorized()
    {
        var user = await ApiClient.RegisterAsync(factory);
        await ProblemAssert.IsProblemAsync(await _anonymous.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);

        var tampered = user.AccessToken[..^4] + (user.AccessToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await ProblemAssert.IsProblemAsync(await GetMeWith(tampered), HttpStatusCode.Unauthorized);

        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "instagram-orleans",
            Audience = "instagram-orleans",
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddHours(-1),
            Claims = new Dictionary<string, object> { ["sub"] = user.Id, ["sid"] = Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        await ProblemAssert.IsProblemAsync(await GetMeWith(expired), HttpStatusCode.Unauthorized);
    }

    private Task<HttpResponseMessage> Register(string username, string email) =>
        _anonymous.PostAsJsonAsync("/v1/auth/register", new { username, email, password = "correct horse battery" });

    private Task<HttpResponseMessage> Login(string login, string password) =>
        _anonymous.PostAsJsonAsync("/v1/auth/login", new { login, password });

    private Task<HttpResponseMessage> Refresh(string refreshToken) =>
        _anonymous.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken });

    private Task<HttpResponseMessage> GetMeWith(string token) =>
        _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/users/me") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } });
}
