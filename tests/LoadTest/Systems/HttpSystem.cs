using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Instagram.LoadTest.Systems;

/// <summary>
/// Ours through the Api over HTTP (loopback only), as a client would use it: register, upload a photo to the signed
/// URL, follow, post, read the feed. Every request carries the user's bearer token. The Api must run with its rate
/// limits and bot-speed limits off (RateLimits__Enabled=false, Abuse__Enabled=false), or most requests of a load test
/// answer 429 (seeding follows hundreds of accounts per user at machine speed).
/// </summary>
public sealed class HttpSystem : ISystemUnderTest
{
    public const string Password = "load-test-password-1";
    private static readonly TimeSpan TokenReuse = TimeSpan.FromMinutes(12); // access tokens live 15 minutes by default
    // A small valid PNG: the Api checks uploads by their bytes, so a fake header would be refused.
    private static readonly byte[] Png = Instagram.Tests.Shared.PngWriter.Black(8, 8);

    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<long, Account> _accounts = new();

    public HttpSystem(Uri baseAddress, int maxConnections)
    {
        Loopback.Require(baseAddress.Host, "--target");
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(4, maxConnections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name => "orleans-http";

    public bool IsOurs => true;

    public bool PublishesAsynchronously => true;

    public bool HasFeedDiagnostics => false;

    /// <summary>Accounts known to this run (for the manifest).</summary>
    public IReadOnlyDictionary<long, Account> Accounts => _accounts;

    public void Remember(long userId, string username) => _accounts[userId] = new Account(username, null, DateTimeOffset.MinValue);

    public async Task<long> CreateUserAsync(int index, CancellationToken cancellationToken)
    {
        var username = RunTag.UserName(index);
        using var response = await _http.PostAsJsonAsync("/v1/auth/register",
            new { username, email = $"{username}@loadtest.invalid", password = Password, fullName = $"Load Test {index}" }, cancellationToken);
        using var body = await ReadJsonAsync(response, HttpStatusCode.Created, cancellationToken);
        var id = long.Parse(body.RootElement.GetProperty("user").GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        _accounts[id] = new Account(username, body.RootElement.GetProperty("accessToken").GetString(), DateTimeOffset.UtcNow);
        return id;
    }

    public async Task FollowAsync(long followerId, long followeeId, CancellationToken cancellationToken)
    {
        using var request = await AuthorizedAsync(HttpMethod.Post, $"/v1/users/{followeeId}/follow", followerId, cancellationToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    public async Task UnfollowAsync(long followerId, long followeeId, CancellationToken cancellationToken)
    {
        using var request = await AuthorizedAsync(HttpMethod.Delete, $"/v1/users/{followeeId}/follow", followerId, cancellationToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.NoContent, cancellationToken);
    }

    public async Task<string> PrepareMediaAsync(long authorId, CancellationToken cancellationToken)
    {
        using var slotRequest = await AuthorizedAsync(HttpMethod.Post, "/v1/media/uploads", authorId, cancellationToken);
        slotRequest.Content = JsonContent.Create(new { contentType = "image/png", sizeBytes = Png.Length });
        using var slotResponse = await _http.SendAsync(slotRequest, cancellationToken);
        using var slot = await ReadJsonAsync(slotResponse, HttpStatusCode.Created, cancellationToken);
        var mediaId = slot.RootElement.GetProperty("mediaId").GetString()!;

        // The upload URL is absolute; only its path and signature are used, on our own (loopback) base address.
        var uploadUrl = new Uri(slot.RootElement.GetProperty("uploadUrl").GetString()!);
        using var put = new HttpRequestMessage(HttpMethod.Put, uploadUrl.PathAndQuery) { Content = new ByteArrayContent(Png) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var putResponse = await _http.SendAsync(put, cancellationToken);
        await EnsureAsync(putResponse, HttpStatusCode.OK, cancellationToken);
        return mediaId;
    }

    public async Task<long> CreatePostAsync(long authorId, string mediaHandle, string caption, CancellationToken cancellationToken)
    {
        using var request = await AuthorizedAsync(HttpMethod.Post, "/v1/posts", authorId, cancellationToken);
        request.Content = JsonContent.Create(new { mediaIds = new[] { mediaHandle }, caption });
        using var response = await _http.SendAsync(request, cancellationToken);
        using var body = await ReadJsonAsync(response, HttpStatusCode.Accepted, cancellationToken);
        return long.Parse(body.RootElement.GetProperty("postId").GetString()!, CultureInfo.InvariantCulture);
    }

    public async Task<int> ReadFeedAsync(long userId, int limit, CancellationToken cancellationToken)
    {
        using var body = await GetFeedAsync(userId, limit, cancellationToken);
        return body.RootElement.GetProperty("items").GetArrayLength();
    }

    public async Task<bool> FeedContainsAsync(long userId, long postId, CancellationToken cancellationToken)
    {
        var id = postId.ToString(CultureInfo.InvariantCulture);
        using var body = await GetFeedAsync(userId, 20, cancellationToken);
        return body.RootElement.GetProperty("items").EnumerateArray().Any(item => item.GetProperty("id").GetString() == id);
    }

    public Task<long> PushedItemsAsync(long userId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The HTTP API has no feed diagnostics.");

    public Task<bool> CelebrityTimelineHasAsync(long authorId, long postId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The HTTP API does not expose celebrity timelines.");

    public async Task<long> LikeAsync(long userId, long postId, CancellationToken cancellationToken)
    {
        using var request = await AuthorizedAsync(HttpMethod.Post, $"/v1/posts/{postId}/like", userId, cancellationToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        using var body = await ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
        return body.RootElement.GetProperty("likeCount").GetInt64();
    }

    public async Task<int> SearchAsync(long viewerId, SearchRequest request, CancellationToken cancellationToken)
    {
        var q = Uri.EscapeDataString(request.Query);
        var path = request.Kind switch
        {
            SearchKind.Users => $"/v1/search/users?q={q}&limit={request.Limit}",
            SearchKind.Hashtags => $"/v1/search/hashtags?q={q}&limit={request.Limit}",
            SearchKind.PostsByHashtag => $"/v1/search/posts?hashtag={q}&limit={request.Limit}",
            _ => $"/v1/search/posts?q={q}&limit={request.Limit}",
        };
        using var get = await AuthorizedAsync(HttpMethod.Get, path, viewerId, cancellationToken);
        using var response = await _http.SendAsync(get, cancellationToken);
        using var body = await ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
        return body.RootElement.GetProperty("items").GetArrayLength();
    }

    public async Task<long> PublishedPostCountAsync(long authorId, CancellationToken cancellationToken)
    {
        long total = 0;
        string? cursor = null;
        for (var page = 0; page < 100; page++) // bounded: at most 10,000 posts per author
        {
            var path = $"/v1/users/{authorId}/posts?limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var request = await AuthorizedAsync(HttpMethod.Get, path, authorId, cancellationToken);
            using var response = await _http.SendAsync(request, cancellationToken);
            using var body = await ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
            total += body.RootElement.GetProperty("items").EnumerateArray().Count(p => p.GetProperty("status").GetString() == "published");
            cursor = body.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (cursor is null)
            {
                break;
            }
        }

        return total;
    }

    public Task<IReadOnlyDictionary<string, double>> RuntimeMetricsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>());

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<JsonDocument> GetFeedAsync(long userId, int limit, CancellationToken cancellationToken)
    {
        using var request = await AuthorizedAsync(HttpMethod.Get, $"/v1/feed?limit={limit}", userId, cancellationToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    private async Task<HttpRequestMessage> AuthorizedAsync(HttpMethod method, string path, long userId, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userId, cancellationToken));
        return request;
    }

    // Tokens from registration are reused; accounts loaded from a manifest sign in when first used.
    private async Task<string> TokenAsync(long userId, CancellationToken cancellationToken)
    {
        if (!_accounts.TryGetValue(userId, out var account))
        {
            throw new InvalidOperationException($"User {userId} was not created by this run or its manifest.");
        }

        if (account.AccessToken is { } token && DateTimeOffset.UtcNow - account.IssuedAt < TokenReuse)
        {
            return token;
        }

        using var response = await _http.PostAsJsonAsync("/v1/auth/login", new { login = account.Username, password = Password }, cancellationToken);
        using var body = await ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
        var fresh = body.RootElement.GetProperty("accessToken").GetString()!;
        _accounts[userId] = account with { AccessToken = fresh, IssuedAt = DateTimeOffset.UtcNow };
        return fresh;
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        await EnsureAsync(response, expected, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpStatusException((int)response.StatusCode, detail.Length > 300 ? detail[..300] : detail);
        }
    }

    public sealed record Account(string Username, string? AccessToken, DateTimeOffset IssuedAt);
}

/// <summary>A response with an unexpected status; its error kind in the report is "HTTP nnn".</summary>
public sealed class HttpStatusException(int status, string detail) : Exception($"HTTP {status}: {detail}")
{
    public int Status { get; } = status;
}
