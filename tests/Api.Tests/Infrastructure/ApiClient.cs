using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Instagram.Api.Tests.Infrastructure;

/// <summary>A signed-in test user driving the API over HTTP, with helpers for the common flows.</summary>
public sealed class ApiClient(HttpClient http, string username, string id, string accessToken, string refreshToken)
{
    private static readonly HttpClient Storage = new();

    public HttpClient Http { get; } = http;
    public string Username { get; } = username;
    public string Id { get; } = id;
    public string AccessToken { get; } = accessToken;
    public string RefreshToken { get; } = refreshToken;

    public static Task<ApiClient> RegisterAsync(ApiFactory factory, string? prefix = null) => RegisterAsync(factory.CreateClient(), prefix);

    /// <summary>Registers through any client of the Api (an in-memory factory's or a real process's); the client becomes this user's.</summary>
    public static async Task<ApiClient> RegisterAsync(HttpClient http, string? prefix = null)
    {
        var username = $"{prefix ?? "user"}_{Guid.NewGuid():N}"[..30];
        var response = await http.PostAsJsonAsync("/v1/auth/register", new { username, email = $"{username}@example.com", password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var client = new ApiClient(http, username, body!["user"]!["id"]!.GetValue<string>(), body["accessToken"]!.GetValue<string>(), body["refreshToken"]!.GetValue<string>());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", client.AccessToken);
        return client;
    }

    public async Task FollowAsync(ApiClient target)
    {
        var response = await Http.PostAsync($"/v1/users/{target.Id}/follow", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Asks for an upload slot and PUTs the bytes to it; returns the media id.</summary>
    public async Task<string> UploadAsync(byte[]? bytes = null, string contentType = "image/png")
    {
        bytes ??= TestImages.Png();
        var slot = await CreateUploadSlotAsync(contentType, bytes.Length);
        var put = await PutBytesAsync(slot.UploadUrl, bytes, contentType);
        Assert.Contains(put.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Created }); // the Api's answer, Blob Storage's
        return slot.MediaId;
    }

    public async Task<(string MediaId, string UploadUrl)> CreateUploadSlotAsync(string contentType, long size)
    {
        var response = await Http.PostAsJsonAsync("/v1/media/uploads", new { contentType, sizeBytes = size });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (body!["mediaId"]!.GetValue<string>(), body["uploadUrl"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> PutBytesAsync(string uploadUrl, byte[] bytes, string contentType = "image/png")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var target = new Uri(uploadUrl);
        if (!target.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal))
        {
            // Not the Api's own upload route: a Cluster-profile Api hands out Blob Storage (Azurite) URLs.
            var direct = new HttpRequestMessage(HttpMethod.Put, target) { Content = content };
            direct.Headers.Add("x-ms-blob-type", "BlockBlob");
            return Storage.SendAsync(direct);
        }

        // The upload URL carries its own signature; send it without the bearer token, as a browser would.
        return Http.SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri(uploadUrl).PathAndQuery) { Content = content, Headers = { Authorization = null } });
    }

    public async Task<string> CreatePostAsync(string caption = "hello #world")
    {
        var mediaId = await UploadAsync();
        var response = await Http.PostAsJsonAsync("/v1/posts", new { mediaIds = new[] { mediaId }, caption });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("processing", body!["status"]!.GetValue<string>());
        return body["postId"]!.GetValue<string>();
    }

    /// <summary>Creates a post and waits until it reads back as published.</summary>
    public async Task<string> PublishAsync(string caption = "hello #world")
    {
        var postId = await CreatePostAsync(caption);
        await Eventually.TrueAsync(async () => (await GetJsonAsync($"/v1/posts/{postId}"))?["status"]?.GetValue<string>() == "published", "published");
        return postId;
    }

    public async Task<JsonObject> LikeAsync(string postId)
    {
        var response = await Http.PostAsync($"/v1/posts/{postId}/like", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<JsonObject> CommentAsync(string postId, string text, string? parentId = null)
    {
        var response = await Http.PostAsJsonAsync($"/v1/posts/{postId}/comments", new { text, parentId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<List<string>> FeedPostIdsAsync(int limit = 100)
    {
        var feed = await GetJsonAsync($"/v1/feed?limit={limit}");
        return [.. feed!["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>())];
    }

    /// <summary>The ids of every item of a cursor-paged list (<paramref name="path"/> carries its query), page after page to the end.</summary>
    public async Task<List<string>> WalkIdsAsync(string path, int maxPages = 100)
    {
        var ids = new List<string>();
        string? cursor = null;
        for (var page = 0; page < maxPages; page++)
        {
            var body = await GetJsonAsync(path + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.NotNull(body);
            ids.AddRange(body["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()));
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                return ids;
            }
        }

        Assert.Fail($"{path} did not end within {maxPages} pages: its cursor loops.");
        return ids;
    }

    public async Task<JsonObject?> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(path);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }
}

public static class ProblemAssert
{
    /// <summary>The response has the status and is an RFC 9457 problem detail with that status.</summary>
    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(JsonSerializerOptions.Web);
        Assert.Equal((int)status, body!["status"]!.GetValue<int>());
        return body;
    }
}
