using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Operations;

[Collection(TelemetryCollection.Name)]
public sealed class DashboardTests(TelemetryApiFactory factory)
{
    [Fact]
    public async Task TheDashboardRefusesAnonymousCallers()
    {
        using var http = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }

    [Fact]
    public async Task TheDashboardRefusesSignedInUsersWhoAreNotAdmins()
    {
        var user = await ApiClient.RegisterAsync(factory);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }

    [Fact]
    public async Task AnAdminSeesTheDashboardAndTheClustersCounters()
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminTokenAsync(http));

        using var page = await http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var counters = await http.GetFromJsonAsync<JsonObject>("/dashboard/DashboardCounters");
        Assert.True(counters!["totalActiveHostCount"]!.GetValue<int>() >= 1);
    }

    // The admin's account is made once per factory; a second test asking for it logs in instead.
    private static async Task<string> AdminTokenAsync(HttpClient http)
    {
        var credentials = new { username = TelemetryApiFactory.AdminUsername, email = "ops@example.com", password = "correct horse battery" };
        using var registered = await http.PostAsJsonAsync("/v1/auth/register", credentials);
        using var response = registered.IsSuccessStatusCode
            ? null
            : await http.PostAsJsonAsync("/v1/auth/login", new { credentials.username, credentials.password });
        var body = await (response ?? registered).Content.ReadFromJsonAsync<JsonObject>();
        return body!["accessToken"]!.GetValue<string>();
    }
}
