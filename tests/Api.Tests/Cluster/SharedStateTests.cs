using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Cluster;

/// <summary>Two Api instances behind one cluster behave as one service.</summary>
[Trait("Category", "Services")]
public sealed class SharedStateTests(ClusterApiFixture cluster) : IClassFixture<ClusterApiFixture>
{
    [Fact]
    public async Task AnIdempotencyKeyUsedOnOneInstanceIsHonouredByTheOther()
    {
        var user = await ApiClient.RegisterAsync(cluster.First);
        var onSecond = OnSecondInstance(user);
        var mediaId = await user.UploadAsync();
        var key = Guid.NewGuid().ToString("N");

        var first = await CreatePostAsync(user.Http, mediaId, key);
        var second = await CreatePostAsync(onSecond, mediaId, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await PostIdOf(first), await PostIdOf(second));
        await Eventually.TrueAsync(async () => (await user.GetJsonAsync("/v1/users/me"))!["postCount"]!.GetValue<long>() == 1, "post published");
        var grid = await onSecond.GetFromJsonAsync<JsonObject>($"/v1/users/{user.Id}/posts");
        Assert.Single(grid!["items"]!.AsArray());
    }

    [Fact]
    public async Task RateLimitsCountRequestsOnEveryInstance()
    {
        var user = await ApiClient.RegisterAsync(cluster.First);
        var onSecond = OnSecondInstance(user);

        for (var i = 0; i < ClusterApiFixture.PostLimit; i++)
        {
            var response = await CreatePostAsync(i % 2 == 0 ? user.Http : onSecond, await user.UploadAsync(), key: null); // a media item serves one post
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var refused = await CreatePostAsync(onSecond, await user.UploadAsync(), key: null);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task PasswordGuessesOnOneInstanceLockTheAccountOnTheOther()
    {
        var user = await ApiClient.RegisterAsync(cluster.First);
        var first = cluster.First.CreateClient();
        var second = cluster.Second.CreateClient();
        for (var i = 0; i < ClusterApiFixture.LoginFreeAttempts; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await first.PostAsJsonAsync("/v1/auth/login", new { login = user.Username, password = "guess " + i })).StatusCode);
        }

        // The next turn is taken (and locks the account); on the other instance the right password is then refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.PostAsJsonAsync("/v1/auth/login", new { login = user.Username, password = "one more guess" })).StatusCode);
        var refused = await second.PostAsJsonAsync("/v1/auth/login", new { login = user.Username, password = "correct horse battery" });
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task LogoutOnOneInstanceEndsTheSessionOnTheOther()
    {
        var user = await ApiClient.RegisterAsync(cluster.First);
        var onSecond = OnSecondInstance(user);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/v1/users/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.PostAsync("/v1/auth/logout", null)).StatusCode);

        await ProblemAssert.IsProblemAsync(await onSecond.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
    }

    private HttpClient OnSecondInstance(ApiClient user) => cluster.OnSecondInstance(user);

    private static Task<HttpResponseMessage> CreatePostAsync(HttpClient http, string mediaId, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/posts") { Content = JsonContent.Create(new { mediaIds = new[] { mediaId } }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return http.SendAsync(request);
    }

    private static async Task<string> PostIdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["postId"]!.GetValue<string>();
}
