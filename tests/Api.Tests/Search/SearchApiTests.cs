using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Infrastructure.RateLimiting;
using Instagram.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Search;

/// <summary>GET /v1/search/users, /hashtags and /posts over HTTP (Embedded profile). Each test works under its own random token.</summary>
[Collection(ApiCollection.Name)]
public sealed class SearchApiTests(ApiFactory factory)
{
    private readonly string _token = string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26))));

    [Fact]
    public async Task UsersAreFoundByPrefixAndWithATypoButNeverAcrossABlock()
    {
        var viewer = await ApiClient.RegisterAsync(factory);
        var sunset = await ApiClient.RegisterAsync(factory, $"{_token}sunset");
        var blocker = await ApiClient.RegisterAsync(factory, $"{_token}blocker");
        Assert.Equal(HttpStatusCode.NoContent, (await blocker.Http.PostAsync($"/v1/users/{viewer.Id}/block", null)).StatusCode);

        await Eventually.TrueAsync(async () => (await UsernamesAsync(viewer, $"{_token}suns")).Contains(sunset.Username), "indexed");
        var typo = sunset.Username[..4] + (sunset.Username[4] == 'x' ? 'y' : 'x') + sunset.Username[5..];
        Assert.Equal(sunset.Username, (await UsernamesAsync(viewer, typo))[0]);

        var item = (await viewer.GetJsonAsync($"/v1/search/users?q={sunset.Username}&limit=1"))!["items"]![0]!.AsObject();
        Assert.Equal(["id", "username", "fullName", "avatarUrl", "isVerified", "isPrivate", "followerCount"], item.Select(p => p.Key));
        Assert.Equal(sunset.Id, item["id"]!.GetValue<string>());

        await Eventually.TrueAsync(async () => (await UsernamesAsync(sunset, $"{_token}blocker")).Contains(blocker.Username), "blocker indexed");
        await Eventually.TrueAsync(async () => (await UsernamesAsync(sunset, viewer.Username)).Contains(viewer.Username), "viewer indexed");
        Assert.DoesNotContain(blocker.Username, await UsernamesAsync(viewer, $"{_token}blocker"));
        Assert.DoesNotContain(viewer.Username, await UsernamesAsync(blocker, viewer.Username));
    }

    [Fact]
    public async Task HashtagsByPrefixCountOnlyPostsTheCallerMaySee()
    {
        var open = await ApiClient.RegisterAsync(factory);
        var closed = await PrivateUserAsync();
        var follower = await ApiClient.RegisterAsync(factory);
        var stranger = await ApiClient.RegisterAsync(factory);
        await ApproveAsync(closed, follower);
        var tag = $"{_token}sunset";
        await open.PublishAsync($"one #{tag}");
        await open.PublishAsync($"two #{tag}");
        await closed.PublishAsync($"three #{tag}");

        await Eventually.TrueAsync(async () => await TagsAsync(follower, $"#{_token}suns") is [(_, 3)], "all three indexed");
        await Eventually.TrueAsync(async () => await TagsAsync(stranger, $"{_token}suns") is [(_, 2)], "privacy indexed");
        Assert.Equal([(tag, 2L)], await TagsAsync(stranger, $"{_token}SUNS"));
        Assert.Equal([(tag, 3L)], await TagsAsync(closed, $"{_token}sunst")); // one letter missing
        var item = (await stranger.GetJsonAsync($"/v1/search/hashtags?q={tag}"))!["items"]![0]!.AsObject();
        Assert.Equal(["tag", "postCount"], item.Select(p => p.Key));
    }

    [Fact]
    public async Task PostsAreHydratedLikeGetPostAndPageNewestFirst()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var viewer = await ApiClient.RegisterAsync(factory);
        var posts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add(await author.PublishAsync($"{_token} went running #{_token}run"));
        }

        await Eventually.TrueAsync(async () => (await PostIdsAsync(viewer, $"q={_token}")).Count == 3, "indexed");

        var first = await viewer.GetJsonAsync($"/v1/search/posts?q={_token}%20run&limit=2");
        Assert.Equal([posts[2], posts[1]], first!["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        var second = await viewer.GetJsonAsync($"/v1/search/posts?q={_token}%20run&limit=2&cursor={first["nextCursor"]!.GetValue<string>()}");
        Assert.Equal([posts[0]], second!["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        Assert.Null(second["nextCursor"]);

        var fromSearch = first["items"]![1]!.ToJsonString();
        var fromGet = (await viewer.GetJsonAsync($"/v1/posts/{posts[1]}"))!.AsObject();
        Assert.True(fromGet.Remove("canComment")); // the post's own page alone says whether the viewer may comment
        Assert.Equal(fromGet.ToJsonString(), fromSearch);
        Assert.Equal(posts.AsEnumerable().Reverse(), await PostIdsAsync(viewer, $"hashtag=%23{_token}run"));
    }

    [Fact]
    public async Task PostsFilterByPlace()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var paris = await PublishAtAsync(author, $"{_token} louvre", "Paris", 48.8566, 2.3522);
        var versailles = await PublishAtAsync(author, $"{_token} palace", "Versailles", 48.8049, 2.1204);
        await author.PublishAsync($"{_token} somewhere");

        await Eventually.TrueAsync(async () => (await PostIdsAsync(author, $"q={_token}")).Count == 3, "indexed");
        Assert.Equal([paris], await PostIdsAsync(author, $"q={_token}&lat=48.8566&lng=2.3522&radiusKm=5"));
        Assert.Equal([versailles, paris], await PostIdsAsync(author, $"q={_token}&lat=48.8566&lng=2.3522&radiusKm=25"));
        Assert.Equal([versailles], await PostIdsAsync(author, $"q={_token}&lat=48.8049&lng=2.1204")); // 10 km by default
    }

    [Fact]
    public async Task PrivatePostsOnlyForApprovedFollowersBlockedNeverDeletedGone()
    {
        var closed = await PrivateUserAsync();
        var follower = await ApiClient.RegisterAsync(factory);
        var stranger = await ApiClient.RegisterAsync(factory);
        var blocked = await ApiClient.RegisterAsync(factory);
        await ApproveAsync(closed, follower);
        Assert.Equal(HttpStatusCode.NoContent, (await closed.Http.PostAsync($"/v1/users/{blocked.Id}/block", null)).StatusCode);
        var secret = await closed.PublishAsync($"{_token} secret");
        var deleted = await closed.PublishAsync($"{_token} deleted soon");

        await Eventually.TrueAsync(async () => (await PostIdsAsync(follower, $"q={_token}")).Count == 2, "indexed");
        Assert.Empty(await PostIdsAsync(stranger, $"q={_token}"));
        Assert.Empty(await PostIdsAsync(blocked, $"q={_token}"));
        Assert.Empty(await UsernamesAsync(blocked, closed.Username));

        Assert.Equal(HttpStatusCode.NoContent, (await closed.Http.DeleteAsync($"/v1/posts/{deleted}")).StatusCode);
        Assert.Equal([secret], await PostIdsAsync(follower, $"q={_token}"));
        Assert.Equal([secret], await PostIdsAsync(closed, $"q={_token}"));
    }

    [Theory]
    [InlineData("/v1/search/users")]
    [InlineData("/v1/search/users?q=")]
    [InlineData("/v1/search/users?q=%20%20")]
    [InlineData("/v1/search/users?q=sun&limit=0")]
    [InlineData("/v1/search/users?q=sun&limit=101")]
    [InlineData("/v1/search/users?q=sun&limit=ten")]
    [InlineData("/v1/search/hashtags?q=")]
    [InlineData("/v1/search/hashtags?q=sun&limit=-1")]
    [InlineData("/v1/search/posts")]
    [InlineData("/v1/search/posts?q=")]
    [InlineData("/v1/search/posts?hashtag=%23")]
    [InlineData("/v1/search/posts?lat=91&lng=0")]
    [InlineData("/v1/search/posts?lat=-90.5&lng=0")]
    [InlineData("/v1/search/posts?lat=0&lng=180.01")]
    [InlineData("/v1/search/posts?lat=NaN&lng=0")]
    [InlineData("/v1/search/posts?lat=north&lng=0")]
    [InlineData("/v1/search/posts?lat=10")]
    [InlineData("/v1/search/posts?radiusKm=5")]
    [InlineData("/v1/search/posts?lat=0&lng=0&radiusKm=0")]
    [InlineData("/v1/search/posts?lat=0&lng=0&radiusKm=-3")]
    [InlineData("/v1/search/posts?lat=0&lng=0&radiusKm=20000.5")]
    [InlineData("/v1/search/posts?q=sun&limit=0")]
    [InlineData("/v1/search/posts?q=sun&cursor=forged")]
    public async Task BadInputIsAProblemDetail(string path)
    {
        var user = await ApiClient.RegisterAsync(factory);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync(path), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task QueriesOverAHundredCharactersAreRefused()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var tooLong = new string('a', 101);
        foreach (var path in new[] { "users?q=", "hashtags?q=", "posts?q=", "posts?hashtag=" })
        {
            await ProblemAssert.IsProblemAsync(await user.Http.GetAsync($"/v1/search/{path}{tooLong}"), HttpStatusCode.BadRequest);
        }

        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync($"/v1/search/users?q={tooLong[..100]}")).StatusCode);
    }

    [Theory]
    [InlineData("' OR 1=1; --")]
    [InlineData("sun:* & !(set | moon) <-> \"x\"")]
    [InlineData(@"100% _under\score")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("the of and")]
    [InlineData("#@")]
    public async Task MetacharactersAreJustText(string query)
    {
        var user = await ApiClient.RegisterAsync(factory);
        var q = Uri.EscapeDataString(query);
        foreach (var path in new[] { $"users?q={q}", $"hashtags?q={q}", $"posts?q={q}", $"posts?hashtag={q}" })
        {
            var response = await user.Http.GetAsync($"/v1/search/{path}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]);
        }
    }

    [Fact]
    public async Task SearchNeedsATokenAndIsRateLimitedAsSearch()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/v1/search/users?q=sun")).StatusCode);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/search/", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Equal(3, endpoints.Count);
        Assert.All(endpoints, e => Assert.Equal(RateLimitPolicies.Search, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
    }

    private async Task<ApiClient> PrivateUserAsync()
    {
        var user = await ApiClient.RegisterAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.PatchAsJsonAsync("/v1/users/me", new { isPrivate = true })).StatusCode);
        return user;
    }

    private static async Task ApproveAsync(ApiClient owner, ApiClient follower)
    {
        await follower.FollowAsync(owner);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PostAsync($"/v1/follow-requests/{follower.Id}/approve", null)).StatusCode);
    }

    private static async Task<string> PublishAtAsync(ApiClient author, string caption, string place, double lat, double lng)
    {
        var mediaId = await author.UploadAsync();
        var response = await author.Http.PostAsJsonAsync("/v1/posts", new { mediaIds = new[] { mediaId }, caption, location = new { name = place, lat, lng } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var postId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["postId"]!.GetValue<string>();
        await Eventually.TrueAsync(async () => (await author.GetJsonAsync($"/v1/posts/{postId}"))?["status"]?.GetValue<string>() == "published", "published");
        return postId;
    }

    private static async Task<List<string>> UsernamesAsync(ApiClient client, string q) =>
        [.. (await client.GetJsonAsync($"/v1/search/users?q={Uri.EscapeDataString(q)}"))!["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>())];

    private static async Task<List<(string Tag, long Count)>> TagsAsync(ApiClient client, string q) =>
        [.. (await client.GetJsonAsync($"/v1/search/hashtags?q={Uri.EscapeDataString(q)}"))!["items"]!.AsArray()
            .Select(t => (t!["tag"]!.GetValue<string>(), t["postCount"]!.GetValue<long>()))];

    private static async Task<List<string>> PostIdsAsync(ApiClient client, string query) =>
        [.. (await client.GetJsonAsync($"/v1/search/posts?{query}&limit=100"))!["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>())];
}
