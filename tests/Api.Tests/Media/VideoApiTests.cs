using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Media;

/// <summary>A video through the Api: chunked upload, post, the HLS streams served with their types; the story length rule.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Video")]
public sealed class VideoApiTests(ApiFactory factory)
{
    [Fact]
    public async Task AnUploadedVideoIsPostedAndItsStreamIsServed()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var mediaId = await UploadVideoAsync(user, TestVideos.Mp4(1280, 720, 2), "ready");
        var postId = await MediaUploads.CreatePostAsync(user, mediaId);
        await Eventually.TrueAsync(async () => await MediaUploads.PostStatusAsync(user, postId) == "published", "published");

        var media = (await user.GetJsonAsync($"/v1/posts/{postId}"))!["media"]![0]!;
        Assert.Equal("video", media["type"]!.GetValue<string>());
        Assert.Equal((1280, 720), (media["width"]!.GetValue<int>(), media["height"]!.GetValue<int>()));
        Assert.InRange(media["durationMs"]!.GetValue<int>(), 1900, 2100);
        var master = new Uri(media["playback"]!["hls"]!.GetValue<string>());
        Assert.EndsWith("/master.m3u8", master.AbsolutePath, StringComparison.Ordinal);

        var anonymous = factory.CreateClient();
        var playlist = await GetAsync(anonymous, master, "application/vnd.apple.mpegurl");
        var rung = new Uri(master, Entries(playlist)[^1]); // relative: resolved against wherever the master came from
        Assert.EndsWith("/720p.m3u8", rung.AbsolutePath, StringComparison.Ordinal);
        var segment = new Uri(rung, Entries(await GetAsync(anonymous, rung, "application/vnd.apple.mpegurl"))[0]);
        Assert.Equal(0x47, Encoding.Latin1.GetBytes(await GetAsync(anonymous, segment, "video/mp2t"))[0]); // an MPEG-TS sync byte
        await GetAsync(anonymous, new Uri(media["posterUrl"]!.GetValue<string>()), "image/jpeg");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(master, "original"))).StatusCode);
    }

    [Fact]
    public async Task AStoryVideoLongerThanFifteenSecondsIsRefused()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var mediaId = await UploadVideoAsync(user, TestVideos.Mp4(160, 90, 20, audio: false, rate: 5), "processing");

        var response = await user.Http.PostAsJsonAsync("/v1/stories", new { mediaId });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at most 15 s", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideosHaveTheirOwnSizeLimitAndMustBeVideos()
    {
        var user = await ApiClient.RegisterAsync(factory);
        await MediaUploads.CreateSlotAsync(user, "video/mp4", 100L * 1024 * 1024); // over the image limit, under the video one
        var tooBig = await user.Http.PostAsJsonAsync("/v1/media/uploads", new { contentType = "video/quicktime", sizeBytes = 201L * 1024 * 1024 });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);

        var text = "not a video, whatever its name says"u8.ToArray();
        var slot = await MediaUploads.CreateSlotAsync(user, "video/mp4", text.Length);
        var put = await MediaUploads.PutRangeAsync(user, slot["uploadUrl"]!.GetValue<string>(), text, 0, text.Length - 1, "video/mp4");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, put.StatusCode);
    }

    private static async Task<string> UploadVideoAsync(ApiClient user, byte[] clip, string until)
    {
        var slot = await MediaUploads.CreateSlotAsync(user, "video/mp4", clip.Length);
        var mediaId = slot["mediaId"]!.GetValue<string>();
        var chunkSize = (int)slot["chunkSize"]!.GetValue<long>();
        for (var index = 0; index * chunkSize < clip.Length; index++)
        {
            Assert.True((await MediaUploads.PutChunkAsync(user, slot["uploadUrl"]!.GetValue<string>(), clip, index, chunkSize, "video/mp4")).IsSuccessStatusCode);
        }

        await Eventually.TrueAsync(async () => (await MediaUploads.StatusAsync(user, mediaId))["status"]!.GetValue<string>() is var s && (s == until || s == "ready"),
            $"media {until}", TimeSpan.FromSeconds(90));
        return mediaId;
    }

    private static async Task<string> GetAsync(HttpClient client, Uri url, string contentType)
    {
        var response = await client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        return Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync());
    }

    private static List<string> Entries(string playlist) =>
        [.. playlist.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#'))];
}
