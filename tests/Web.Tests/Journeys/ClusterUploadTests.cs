using Instagram.Web.Tests.Infrastructure;

namespace Instagram.Web.Tests.Journeys;

/// <summary>
/// The upload path on the Cluster profile: the browser sends the photo straight to Blob Storage (Azurite) through the
/// signed URL, which needs the blob service's CORS rule for the Api's origin, and the post publishes once the silo
/// has found and processed the blob.
/// </summary>
[Collection(ClusterWebCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "Services")]
public sealed class ClusterUploadTests(ClusterWebFixture web)
{
    [Fact]
    public async Task APhotoPickedInTheComposerGoesStraightToBlobStorageAndIsPublished()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var author = await web.NewUserAsync("cloud" + tag, width: 1280, height: 900);
        await using var fan = await web.NewUserAsync("cloudfan" + tag, width: 1280, height: 900);
        await author.RegisterAsync();
        await fan.RegisterAsync();
        await fan.OpenAsync($"/u/{author.Name}");
        await fan.Page.GetByRole(AriaRole.Button, new() { Name = $"Follow {author.Name}" }).ClickAsync();
        await Assertions.Expect(fan.Page.GetByRole(AriaRole.Button, new() { Name = $"Following {author.Name}" })).ToBeVisibleAsync();
        var uploads = new List<string>();
        author.Page.Request += (_, request) =>
        {
            if (request.Method == "PUT")
            {
                uploads.Add(request.Url);
            }
        };

        await Composer.PostPhotoAsync(author, "Straight to the blob #cluster" + tag);

        Assert.NotEmpty(uploads);
        Assert.All(uploads, url => Assert.DoesNotContain(web.Api.BaseUrl, url, StringComparison.Ordinal));
        await Screenshots.SaveAsync(author.Page, "post-desktop");
        await fan.OpenAsync("/");
        var card = fan.Page.GetByRole(AriaRole.Article, new() { Name = $"Post by {author.Name}" });
        await Assertions.Expect(card.GetByRole(AriaRole.Img).First).ToHaveJSPropertyAsync("complete", true);
        await Screenshots.SaveAsync(fan.Page, "feed-desktop");
        Assert.Empty(author.PageErrors);
        Assert.Empty(fan.PageErrors);
    }
}
