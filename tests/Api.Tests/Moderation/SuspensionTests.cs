using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

[Collection(ApiCollection.Name)]
public sealed class SuspensionTests(ApiFactory factory)
{
    [Fact]
    public async Task ASuspendedAccountsSessionsEndAndItsSignInsAreRefusedUntilLifted()
    {
        var user = await ApiClient.RegisterAsync(factory, "suspect");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/v1/users/me")).StatusCode);

        var suspended = await SuspendAsync(admin, user.Id, "spam wave");
        Assert.Equal(("suspend", "user", user.Id, admin.Id), (suspended["action"]!.GetValue<string>(), suspended["targetType"]!.GetValue<string>(),
            suspended["targetId"]!.GetValue<string>(), suspended["by"]!.GetValue<string>()));

        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
        var login = await ProblemAssert.IsProblemAsync(await Moderation.LoginAsync(factory.CreateClient(), user.Username), HttpStatusCode.Forbidden);
        Assert.Equal("Account suspended", login["title"]!.GetValue<string>());
        Assert.Contains("suspended", login["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await RefreshAsync(user.RefreshToken), HttpStatusCode.Forbidden);
        // A wrong password is told nothing more: suspensions are no one else's business.
        await ProblemAssert.IsProblemAsync(
            await factory.CreateClient().PostAsJsonAsync("/v1/auth/login", new { login = user.Username, password = "not the password" }), HttpStatusCode.Unauthorized);

        var lifted = await admin.Http.DeleteAsync($"/v1/admin/users/{user.Id}/suspend");
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);

        using var again = await Moderation.LoginAsync(factory.CreateClient(), user.Username);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var tokens = await again.Content.ReadFromJsonAsync<JsonObject>();
        using var fresh = factory.CreateClient();
        fresh.DefaultRequestHeaders.Authorization = new("Bearer", tokens!["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/v1/users/me")).StatusCode);
        // The sessions the suspension ended stay ended.
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await RefreshAsync(user.RefreshToken), HttpStatusCode.Unauthorized);

        var log = (await admin.ListAllAsync("/v1/admin/actions")).Where(a => a["targetId"]!.GetValue<string>() == user.Id).ToList();
        Assert.Equal(["lift", "suspend"], log.Select(a => a!["action"]!.GetValue<string>())); // newest first
        Assert.Equal("spam wave", log[1]["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResolvingAReportWithSuspendSuspendsTheAuthor()
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var reporter = await ApiClient.RegisterAsync(factory, "reporter");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        var post = await author.PublishAsync();

        await admin.ResolveAsync(await reporter.ReportAsync("post", post, "scam"), "suspend", "repeat scammer");

        await ProblemAssert.IsProblemAsync(await author.Http.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await Moderation.LoginAsync(factory.CreateClient(), author.Username), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await reporter.Http.GetAsync($"/v1/posts/{post}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.DeleteAsync($"/v1/admin/users/{author.Id}/suspend")).StatusCode);
        await Eventually.TrueAsync(async () => (await reporter.Http.GetAsync($"/v1/posts/{post}")).StatusCode == HttpStatusCode.OK, "the post is back");
    }

    [Fact]
    public async Task SuspensionsThatCannotHappenAreRefusedAndChangeNothing()
    {
        var user = await ApiClient.RegisterAsync(factory, "suspect");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());

        await ProblemAssert.IsProblemAsync(await admin.Http.PostAsJsonAsync("/v1/admin/users/987654321/suspend", new { }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await admin.Http.PostAsJsonAsync("/v1/admin/users/abc/suspend", new { }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.Http.PostAsJsonAsync($"/v1/admin/users/{admin.Id}/suspend", new { }), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await admin.Http.DeleteAsync($"/v1/admin/users/{user.Id}/suspend"), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(
            await admin.Http.PostAsJsonAsync($"/v1/admin/users/{user.Id}/suspend", new { note = new string('n', 501) }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/v1/users/me")).StatusCode);
        Assert.DoesNotContain(await admin.ListAllAsync("/v1/admin/actions"), a => a["targetId"]!.GetValue<string>() == user.Id);

        await SuspendAsync(admin, user.Id, null);
        await ProblemAssert.IsProblemAsync(await admin.Http.PostAsJsonAsync($"/v1/admin/users/{user.Id}/suspend", new { }), HttpStatusCode.Conflict);
        Assert.Single(await admin.ListAllAsync("/v1/admin/actions"), a => a["targetId"]!.GetValue<string>() == user.Id);
    }

    internal static async Task<JsonObject> SuspendAsync(ApiClient admin, string userId, string? note)
    {
        using var response = await admin.Http.PostAsJsonAsync($"/v1/admin/users/{userId}/suspend", new { note });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        factory.CreateClient().PostAsJsonAsync("/v1/auth/refresh", new { refreshToken });
}
