using System.Diagnostics;
using Instagram.Web.Tests.Infrastructure;

namespace Instagram.Web.Tests.Journeys;

/// <summary>
/// A phone video from the composer to the Reels page: a vertical clip made with ffmpeg is shared as a reel, transcoded
/// to HLS by the silo, shown on the post page with its poster, and played on the Reels page by the browser itself.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "Video")]
public sealed class ReelTests(WebFixture web)
{
    [Fact]
    public async Task AVerticalClipSharedAsAReelPlaysOnTheReelsPage()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var author = await web.NewUserAsync("director" + tag);
        await author.RegisterAsync();

        await author.OpenAsync("/compose");
        await author.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "clip.mp4", MimeType = "video/mp4", Buffer = await VerticalClipAsync() });
        await author.Page.GetByRole(AriaRole.Radio, new() { Name = "Reel" }).CheckAsync();
        await author.Page.GetByRole(AriaRole.Textbox, new() { Name = "Caption", Exact = true }).FillAsync("Three seconds of colour #reel" + tag);
        await author.Page.GetByRole(AriaRole.Button, new() { Name = "Share reel" }).ClickAsync();
        await author.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/p/\d+$"), new() { Timeout = 60_000 });

        await Assertions.Expect(author.Page.Locator("article video")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"\.m3u8"), new() { Timeout = 60_000 });

        // Someone else's Reels page (nobody is recommended their own reels); a new reel joins the pool once it is
        // published and indexed, so the page is reloaded until it shows.
        await using var viewer = await web.NewUserAsync("audience" + tag);
        await viewer.RegisterAsync();
        var reel = viewer.Page.GetByRole(AriaRole.Article, new() { Name = $"Reel by {author.Name}" });
        await Eventually.TrueAsync(async () =>
        {
            await viewer.OpenAsync("/reels");
            await viewer.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            return await reel.CountAsync() > 0;
        }, "the reel on another person's Reels page", TimeSpan.FromSeconds(90));
        var video = reel.Locator("video");
        await video.EvaluateAsync("v => { v.muted = true; return v.play(); }");
        await viewer.Page.WaitForFunctionAsync("v => v.currentTime > 0.5", await video.ElementHandleAsync(), new() { Timeout = 30_000 });
        await Accessibility.AssertNoSeriousViolationsAsync(viewer.Page, "reels");
        await Screenshots.SaveAsync(viewer.Page, "reels");
        Assert.Empty(author.PageErrors);
        Assert.Empty(viewer.PageErrors);
    }

    /// <summary>A 3 s 720x1280 clip with sound, H.264/AAC in MP4, as a phone records one.</summary>
    private static async Task<byte[]> VerticalClipAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reel-{Guid.NewGuid():N}.mp4");
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=720x1280:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
             "-t", "3", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path])
        { RedirectStandardError = true })!;
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, await ffmpeg.StandardError.ReadToEndAsync());
        try
        {
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
