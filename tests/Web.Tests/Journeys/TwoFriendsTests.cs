using System.Text.RegularExpressions;
using Instagram.Web.Tests.Infrastructure;

namespace Instagram.Web.Tests.Journeys;

/// <summary>
/// The issue's journey, in a real browser on the Embedded profile: two people sign up, one finds the other by a
/// misspelt name and follows them, the author posts a real photo through the composer, the follower sees it in the
/// feed, likes it and comments, the author sees both in Activity, a story is posted and viewed (the ring turns grey),
/// and a private account's grid stays locked to a stranger. Each main page is checked by axe-core and kept as a
/// screenshot.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class TwoFriendsTests(WebFixture web)
{
    [Fact]
    public async Task AFollowerSeesLikesAndCommentsOnAPhotoAndTheAuthorIsNotified()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var author = await web.NewUserAsync("marguerite" + tag);
        await using var fan = await web.NewUserAsync("fan" + tag);
        await author.RegisterAsync();
        await fan.RegisterAsync();

        await FindByTypoAndFollowAsync(fan, author.Name);

        var postUrl = await Composer.PostPhotoAsync(author, $"First light #sunrise{tag}");
        await Accessibility.AssertNoSeriousViolationsAsync(author.Page, "post page");

        await fan.OpenAsync("/");
        var card = fan.Page.GetByRole(AriaRole.Article, new() { Name = $"Post by {author.Name}" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Img).First).ToHaveJSPropertyAsync("complete", true);
        var like = card.GetByRole(AriaRole.Button, new() { Name = "Like" });
        await like.ClickAsync();
        await Assertions.Expect(like).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(card.GetByText("1 like")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(fan.Page, "home feed");
        await Screenshots.SaveAsync(fan.Page, "feed");

        await fan.Page.GotoAsync(postUrl);
        await fan.Page.GetByLabel("Add a comment").FillAsync("What a morning!");
        await fan.Page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Assertions.Expect(fan.Page.GetByText("What a morning!")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(fan.Page, "post");

        await author.OpenAsync("/notifications");
        await Assertions.Expect(author.Page.GetByText(new Regex($"{fan.Name}.*liked your post"))).ToBeVisibleAsync();
        await Assertions.Expect(author.Page.GetByText(new Regex($"{fan.Name}.*commented"))).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(author.Page, "activity");
        await Screenshots.SaveAsync(author.Page, "activity");

        await author.OpenAsync($"/u/{author.Name}");
        await Assertions.Expect(author.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"Post by {author.Name}") })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(author.Page, "own profile");
        await Screenshots.SaveAsync(author.Page, "profile");

        Assert.Empty(author.PageErrors);
        Assert.Empty(fan.PageErrors);
    }

    [Fact]
    public async Task AStoryRingTurnsSeenOnceTheFollowerHasWatchedIt()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var author = await web.NewUserAsync("storyteller" + tag);
        await using var fan = await web.NewUserAsync("watcher" + tag);
        await author.RegisterAsync();
        await fan.RegisterAsync();
        await fan.OpenAsync($"/u/{author.Name}");
        await fan.Page.GetByRole(AriaRole.Button, new() { Name = $"Follow {author.Name}" }).ClickAsync();
        await Assertions.Expect(fan.Page.GetByRole(AriaRole.Button, new() { Name = $"Following {author.Name}" })).ToBeVisibleAsync();

        await Composer.PostStoryAsync(author);

        await fan.OpenAsync("/");
        var ring = fan.Page.Locator($".story-bubble[data-user-id]").Filter(new() { HasText = author.Name });
        await Assertions.Expect(ring).ToHaveClassAsync(new Regex(@"\bunseen\b"));
        await Screenshots.SaveAsync(fan.Page, "stories-tray");
        await ring.ClickAsync();
        var viewer = fan.Page.GetByRole(AriaRole.Dialog, new() { Name = $"Stories by {author.Name}" });
        await Assertions.Expect(viewer.GetByRole(AriaRole.Img)).ToHaveJSPropertyAsync("complete", true);
        await Accessibility.AssertNoSeriousViolationsAsync(fan.Page, "story viewer");
        await Screenshots.SaveAsync(fan.Page, "story");
        await fan.Page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(fan.Page).ToHaveURLAsync(web.Api.BaseUrl + "/");
        await fan.Page.ReloadAsync();
        await Assertions.Expect(ring).ToHaveClassAsync(new Regex(@"\bseen\b"));
        Assert.Empty(fan.PageErrors);
    }

    [Fact]
    public async Task APrivateAccountsGridIsLockedToAStranger()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var shy = await web.NewUserAsync("shy" + tag);
        await using var stranger = await web.NewUserAsync("stranger" + tag);
        await shy.RegisterAsync();
        await stranger.RegisterAsync();
        await shy.OpenAsync("/settings");
        await shy.Page.GetByLabel("Private account").CheckAsync();
        await shy.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(shy.Page.GetByText("Profile saved.")).ToBeVisibleAsync();
        await Composer.PostPhotoAsync(shy, "only for friends");

        await stranger.OpenAsync($"/u/{shy.Name}");

        await Assertions.Expect(stranger.Page.GetByTestId("private-lock")).ToBeVisibleAsync();
        await Assertions.Expect(stranger.Page.Locator(".grid .tile")).ToHaveCountAsync(0);
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Button, new() { Name = $"Follow {shy.Name}" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(stranger.Page, "private profile");
        await Screenshots.SaveAsync(stranger.Page, "private-profile");
        Assert.Empty(stranger.PageErrors);
    }

    /// <summary>Types the name with a letter missing into search and follows the account it finds.</summary>
    private static async Task FindByTypoAndFollowAsync(WebUser user, string name)
    {
        var typo = name[..3] + name[4..];
        await user.OpenAsync("/search");
        await user.Page.GetByLabel("Search accounts, tags and posts").FillAsync(typo);
        var result = user.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(Regex.Escape(name)) });
        await Assertions.Expect(result.First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(user.Page, "search");
        await Screenshots.SaveAsync(user.Page, "search");
        await result.First.ClickAsync();
        await user.Page.GetByRole(AriaRole.Button, new() { Name = $"Follow {name}" }).ClickAsync();
        await Assertions.Expect(user.Page.GetByRole(AriaRole.Button, new() { Name = $"Following {name}" })).ToBeVisibleAsync();
    }
}
