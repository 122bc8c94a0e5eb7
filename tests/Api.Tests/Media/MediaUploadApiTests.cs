using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Media;

[Collection(ApiCollection.Name)]
public sealed class MediaUploadApiTests(ApiFactory factory)
{
    [Fact]
    public async Task UploadedImageIsServedBackImmutably()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var postId = await user.PublishAsync("Golden #Sunset with @friend");

        var post = await user.GetJsonAsync($"/v1/posts/{postId}");
        Assert.Equal(["sunset"], post!["hashtags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["friend"], post["mentions"]!.AsArray().Select(t => t!.GetValue<string>()));
        var media = post["media"]![0]!;
        Assert.Equal(4, media["width"]!.GetValue<int>());
        var url = media["variants"]!["full"]!.GetValue<string>();

        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF"u8.ToArray(), (await response.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task JpegIsRecognisedByItsBytes()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var jpeg = TestImages.JpegHeader(640, 480);
        var slot = await user.CreateUploadSlotAsync("image/jpeg", jpeg.Length);
        var response = await user.PutBytesAsync(slot.UploadUrl, jpeg, "image/jpeg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(640, body!["width"]!.GetValue<int>());
        Assert.Equal(480, body["height"]!.GetValue<int>());
    }

    [Fact]
    public async Task BytesThatAreNotAnAcceptedImageAreRejected()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var text = "GIF89a pretending to be a png"u8.ToArray();
        var slot = await user.CreateUploadSlotAsync("image/png", text.Length);
        await ProblemAssert.IsProblemAsync(await user.PutBytesAsync(slot.UploadUrl, text), HttpStatusCode.UnsupportedMediaType);

        var png = TestImages.Png();
        var declaredJpeg = await user.CreateUploadSlotAsync("image/jpeg", png.Length);
        await ProblemAssert.IsProblemAsync(await user.PutBytesAsync(declaredJpeg.UploadUrl, png, "image/jpeg"), HttpStatusCode.UnsupportedMediaType);

        var unsupported = await user.Http.PostAsJsonAsync("/v1/media/uploads", new { contentType = "image/gif", sizeBytes = 10 });
        await ProblemAssert.IsProblemAsync(unsupported, HttpStatusCode.UnsupportedMediaType);

        // Nothing was accepted, so a post cannot use the item.
        var post = await user.Http.PostAsJsonAsync("/v1/posts", new { mediaIds = new[] { slot.MediaId } });
        await ProblemAssert.IsProblemAsync(post, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task UploadsLargerThanDeclaredOrAllowedAreRejected()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var png = TestImages.Png();
        var slot = await user.CreateUploadSlotAsync("image/png", png.Length - 1);
        await ProblemAssert.IsProblemAsync(await user.PutBytesAsync(slot.UploadUrl, png), HttpStatusCode.RequestEntityTooLarge);

        var huge = await user.Http.PostAsJsonAsync("/v1/media/uploads", new { contentType = "image/png", sizeBytes = 1L << 40 });
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UploadUrlsCannotBeForgedOrReused()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var png = TestImages.Png();
        var slot = await user.CreateUploadSlotAsync("image/png", png.Length);
        var forged = slot.UploadUrl.Replace("sig=", "sig=x", StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await user.PutBytesAsync(forged, png), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await user.PutBytesAsync(slot.UploadUrl, png)).StatusCode);
        await ProblemAssert.IsProblemAsync(await user.PutBytesAsync(slot.UploadUrl, png), HttpStatusCode.Conflict);
    }
}
