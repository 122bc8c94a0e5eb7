using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Media;

/// <summary>Upload steps over HTTP that the shared ApiClient does not have: slots with options, chunks, status.</summary>
internal static class MediaUploads
{
    public static async Task<JsonObject> CreateSlotAsync(ApiClient user, string contentType, long size, long? chunkSize = null)
    {
        var response = await user.Http.PostAsJsonAsync("/v1/media/uploads", new { contentType, sizeBytes = size, chunkSize });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>PUTs bytes [from, to] of <paramref name="bytes"/> with a Content-Range header to the Api's upload URL.</summary>
    public static Task<HttpResponseMessage> PutRangeAsync(ApiClient user, string uploadUrl, byte[] bytes, long from, long to, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes[(int)from..(int)(to + 1)]);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, bytes.Length);
        return user.Http.SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri(uploadUrl).PathAndQuery) { Content = content, Headers = { Authorization = null } });
    }

    public static Task<HttpResponseMessage> PutChunkAsync(ApiClient user, string uploadUrl, byte[] bytes, int index, int chunkSize, string contentType = "image/jpeg")
    {
        long from = (long)index * chunkSize;
        return PutRangeAsync(user, uploadUrl, bytes, from, Math.Min(from + chunkSize, bytes.Length) - 1, contentType);
    }

    public static async Task<JsonObject> StatusAsync(ApiClient user, string mediaId) =>
        (await user.GetJsonAsync($"/v1/media/{mediaId}")) ?? throw new InvalidOperationException($"no status for media {mediaId}");

    public static async Task<JsonObject> WaitForStatusAsync(ApiClient user, string mediaId, string status)
    {
        await Eventually.TrueAsync(async () => (await StatusAsync(user, mediaId))["status"]!.GetValue<string>() == status, $"media {status}");
        return await StatusAsync(user, mediaId);
    }

    public static async Task<string> PostStatusAsync(ApiClient user, string postId) =>
        (await user.GetJsonAsync($"/v1/posts/{postId}"))!["status"]!.GetValue<string>();

    public static async Task<string> CreatePostAsync(ApiClient user, params string[] mediaIds)
    {
        var response = await user.Http.PostAsJsonAsync("/v1/posts", new { mediaIds, caption = "media test" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["postId"]!.GetValue<string>();
    }
}
