using Instagram.Web.Tests.Infrastructure;

namespace Instagram.Web.Tests.Accounts;

/// <summary>Signing up, staying signed in across a reload (the silent refresh), logging out and back in.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SignUpTests(WebFixture web)
{
    [Fact]
    public async Task ANewcomerSignsUpSeesAnEmptyFeedStaysSignedInAcrossAReloadAndLogsOut()
    {
        await using var ada = await web.NewUserAsync("ada" + Unique());

        await ada.RegisterAsync();
        await Assertions.Expect(ada.Page.GetByText("Your feed is empty")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(ada.Page, "feed-empty");

        await ada.Page.ReloadAsync();
        await Assertions.Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        await Assertions.Expect(ada.Page).ToHaveURLAsync(web.Api.BaseUrl + "/");

        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Assertions.Expect(ada.Page).ToHaveURLAsync(web.Api.BaseUrl + "/login");
        await ada.Page.GotoAsync("/explore");
        await Assertions.Expect(ada.Page).ToHaveURLAsync(web.Api.BaseUrl + "/login?next=%2Fexplore");

        await ada.LogInAsync();
        Assert.Empty(ada.PageErrors);
    }

    [Fact]
    public async Task AWrongPasswordShowsTheServersReasonAndStaysOnTheForm()
    {
        await using var bo = await web.NewUserAsync("bo" + Unique());
        await bo.RegisterAsync();
        await bo.Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await bo.Page.GetByLabel("Username or email").FillAsync(bo.Name);
        await bo.Page.GetByLabel("Password").FillAsync("not the password");
        await bo.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(bo.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("password");
        await Assertions.Expect(bo.Page).ToHaveURLAsync(web.Api.BaseUrl + "/login");
        await Accessibility.AssertNoSeriousViolationsAsync(bo.Page, "login page with an error");
        await Screenshots.SaveAsync(bo.Page, "login");
    }

    [Fact]
    public async Task TheSignUpPageHasNoSeriousAccessibilityViolations()
    {
        await using var visitor = await web.NewUserAsync("visitor");

        await visitor.Page.GotoAsync("/register");
        await Assertions.Expect(visitor.Page.GetByLabel("Username")).ToBeVisibleAsync();

        await Accessibility.AssertNoSeriousViolationsAsync(visitor.Page, "sign-up page");
        Assert.Empty(visitor.PageErrors);
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
