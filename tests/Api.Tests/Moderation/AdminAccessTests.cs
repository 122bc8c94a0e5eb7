using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

/// <summary>Every admin route answers only to the admin role: 401 without a token, 403 (a problem detail) for a user.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminAccessTests(ApiFactory factory)
{
    public static TheoryData<string, string> AdminRoutes() => new()
    {
        { "GET", "/v1/admin/reports" },
        { "GET", "/v1/admin/reports?status=resolved" },
        { "POST", "/v1/admin/reports/123/resolve" },
        { "GET", "/v1/admin/actions" },
        { "POST", "/v1/admin/users/123/suspend" },
        { "DELETE", "/v1/admin/users/123/suspend" },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task OnlyAdminsReachAdminRoutes(string method, string path)
    {
        var user = await ApiClient.RegisterAsync(factory);
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());

        await ProblemAssert.IsProblemAsync(await SendAsync(factory.CreateClient(), method, path), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await SendAsync(user.Http, method, path), HttpStatusCode.Forbidden);
        var asAdmin = await SendAsync(admin.Http, method, path);
        Assert.True(asAdmin.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{method} {path}: {asAdmin.StatusCode}");
    }

    [Fact]
    public async Task OnlyAnAdminsTokenCarriesTheAdminRole()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());

        Assert.Equal("admin", Payload(admin.AccessToken)["role"]?.GetValue<string>());
        Assert.Null(Payload(user.AccessToken)["role"]);

        // A refreshed token keeps it.
        using var refreshed = await factory.CreateClient().PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = admin.RefreshToken });
        var tokens = await refreshed.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("admin", Payload(tokens!["accessToken"]!.GetValue<string>())["role"]?.GetValue<string>());
    }

    private static JsonObject Payload(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(payload))!.AsObject();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path) =>
        http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : new StringContent("""{"action":"dismiss"}""", Encoding.UTF8, "application/json"),
        });
}
