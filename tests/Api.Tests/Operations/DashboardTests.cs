using System.Net;
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
        await Moderation.Moderation.SignInAdminAsync(http, TelemetryApiFactory.AdminUsername); // the admin role is in its token

        using var page = await http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var counters = await http.GetFromJsonAsync<JsonObject>("/dashboard/DashboardCounters");
        Assert.True(counters!["totalActiveHostCount"]!.GetValue<int>() >= 1);
    }
}
