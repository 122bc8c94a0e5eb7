using System.Net;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Media;

namespace Instagram.Api.Tests.Media;

/// <summary>
/// Media ids are time-sortable, so a variant's URL must hold something unguessable: knowing (or walking) an id is not
/// enough to fetch an image. Only the exact URL handed out serves bytes.
/// </summary>
[Collection(MediaApiCollection.Name)]
public sealed class MediaUrlTests(MediaApiFactory factory)
{
    [Fact]
    public async Task AVariantUrlCarriesAnUnguessableTokenAndOnlyThatUrlServesIt()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var mediaId = await user.UploadAsync(MediaImages.Jpeg(800, 600), "image/jpeg");
        var ready = await MediaUploads.WaitForStatusAsync(user, mediaId, "ready");
        var full = ready["variants"]!["full"]!.GetValue<string>();

        var token = TokenOf(full);
        Assert.Equal($"/media/{mediaId}/{token}/full.webp", full);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
        Assert.All(["thumbnail", "small", "medium"], name => Assert.Equal($"/media/{mediaId}/{token}/{name}.webp", ready["variants"]![name]!.GetValue<string>()));

        var anonymous = factory.CreateClient();
        var served = await anonymous.GetAsync(full);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());
        Assert.DoesNotContain(token, served.Headers.ETag!.Tag, StringComparison.Ordinal);

        // The guessable URL, another well-formed token, malformed tokens and the private original: all unknown.
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/media/{mediaId}/full.webp"), HttpStatusCode.NotFound);
        var otherToken = MediaUrlToken.New();
        Assert.NotEqual(token, otherToken);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/media/{mediaId}/{otherToken}/full.webp"), HttpStatusCode.NotFound);
        foreach (var malformed in new[] { token[..21], token + "A", "%2E%2E", "..", token[..21] + "." })
        {
            await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/media/{mediaId}/{malformed}/full.webp"), HttpStatusCode.NotFound);
        }

        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/media/{mediaId}/{token}/original"), HttpStatusCode.NotFound);
        Assert.True(File.Exists(Path.Combine(factory.MediaPath, mediaId, token, "full.webp"))); // the token is part of the key
    }

    [Fact]
    public async Task EachItemHasItsOwnToken()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var first = await user.UploadAsync();
        var second = await user.UploadAsync();

        var firstUrl = (await MediaUploads.StatusAsync(user, first))["variants"]!["full"]!.GetValue<string>();
        var secondUrl = (await MediaUploads.StatusAsync(user, second))["variants"]!["full"]!.GetValue<string>();

        Assert.NotEqual(TokenOf(firstUrl), TokenOf(secondUrl));
        await MediaUploads.WaitForStatusAsync(user, second, "ready");
        await ProblemAssert.IsProblemAsync(await factory.CreateClient().GetAsync(firstUrl.Replace(first, second, StringComparison.Ordinal)), HttpStatusCode.NotFound);
    }

    /// <summary>The token segment of a variant URL "/media/{id}/{token}/{variant}.webp".</summary>
    public static string TokenOf(string variantUrl) => variantUrl.Split('/')[^2];
}
