using System.Text.RegularExpressions;

namespace Instagram.Web.Tests.Infrastructure;

/// <summary>Posting through the compose page as a person would: pick a photo, write, share, watch the progress.</summary>
public static partial class Composer
{
    /// <summary>A photo-like JPEG, big enough to travel in several upload chunks.</summary>
    public static readonly Lazy<byte[]> Photo = new(() => MediaImages.Photo(1600, 1200));

    /// <summary>Posts one photo; returns the post page's URL once the post is published and its photo shows.</summary>
    public static async Task<string> PostPhotoAsync(WebUser user, string caption)
    {
        await PickPhotoAsync(user);
        await user.Page.GetByRole(AriaRole.Textbox, new() { Name = "Caption", Exact = true }).FillAsync(caption);
        await Accessibility.AssertNoSeriousViolationsAsync(user.Page, "compose page");
        await Screenshots.SaveAsync(user.Page, "compose");

        await ShareAndWatchProgressAsync(user, "Share");

        await user.Page.WaitForURLAsync(PostUrl());
        var photo = user.Page.GetByRole(AriaRole.Article).GetByRole(AriaRole.Img).First;
        await Assertions.Expect(photo).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await photo.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the published photo did not load");
        return user.Page.Url;
    }

    /// <summary>Shares one photo to the user's story; returns once the client is back on the feed.</summary>
    public static async Task PostStoryAsync(WebUser user)
    {
        await PickPhotoAsync(user);
        await user.Page.GetByRole(AriaRole.Radio, new() { Name = "Story" }).CheckAsync();
        await ShareAndWatchProgressAsync(user, "Share to story");
        await user.Page.WaitForURLAsync(HomeUrl());
    }

    private static async Task PickPhotoAsync(WebUser user)
    {
        await user.OpenAsync("/compose");
        await user.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "sunrise.jpg", MimeType = "image/jpeg", Buffer = Photo.Value });
        await Assertions.Expect(user.Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("sunrise") })).ToBeVisibleAsync();
    }

    // The overall bar is watched from before the click: the page moves on soon after it fills.
    private static async Task ShareAndWatchProgressAsync(WebUser user, string button)
    {
        var filled = user.Page.WaitForFunctionAsync(
            "() => { const bar = document.querySelector('progress[aria-label=\"All photos uploaded\"]'); return bar && bar.value === bar.max; }",
            null, new() { PollingInterval = 10, Timeout = 30_000 });
        await user.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await filled;
    }

    [GeneratedRegex(@"/p/\d+$")]
    private static partial Regex PostUrl();

    [GeneratedRegex(@"^https?://[^/]+/$")]
    private static partial Regex HomeUrl();
}
