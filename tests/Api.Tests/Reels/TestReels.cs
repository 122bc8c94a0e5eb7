using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Common;
using Instagram.Grains.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Reels;

/// <summary>Reels for tests on an Embedded factory: videos registered as stored through the test seam, so no ffmpeg runs.</summary>
public static class TestReels
{
    /// <summary>Publishes a reel of a fresh 12 s vertical video and waits until it reads back as published.</summary>
    public static async Task<string> PublishAsync(ApiFactory factory, ApiClient author, string? caption = null)
    {
        var response = await author.Http.PostAsJsonAsync("/v1/reels", new { mediaId = await MediaAsync(factory, author, "video/mp4", 1080, 1920, 12_000), caption });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reelId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["postId"]!.GetValue<string>();
        await Eventually.TrueAsync(async () => (await author.GetJsonAsync($"/v1/posts/{reelId}"))?["status"]?.GetValue<string>() == "published", "reel published");
        return reelId;
    }

    public static async Task<string> MediaAsync(ApiFactory factory, ApiClient owner, string contentType, int width, int height, int durationMs)
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var id = factory.Services.GetRequiredService<IdGenerator>().NextId();
        await grains.GetGrain<IMediaGrain>(id).CreateUploadAsync(
            new MediaUploadSlot(long.Parse(owner.Id, CultureInfo.InvariantCulture), contentType, 1_000, DateTimeOffset.UtcNow.AddMinutes(5), false));
        await grains.GetGrain<IMediaTestSeam>(id).CompleteUploadAsync(new StoredMedia(contentType, width, height, 1_000, $"/media/{id}/original", DurationMs: durationMs));
        return id.ToString(CultureInfo.InvariantCulture);
    }
}
