using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Cluster;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Api.Tests.Stories;

namespace Instagram.Api.Tests.Moderation;

/// <summary>The controls on the Cluster profile: stored in PostgreSQL, and the same on both Api instances.</summary>
[Trait("Category", "Services")]
public sealed class ModerationControlsClusterTests(ClusterApiFixture cluster) : IClassFixture<ClusterApiFixture>
{
    [Fact]
    public async Task FollowsOnEitherInstanceCountTowardsOneHourlyLimit()
    {
        var user = await ApiClient.RegisterAsync(cluster.First);
        var onSecond = OnSecondInstance(user);
        var targets = new List<ApiClient>();
        for (var i = 0; i <= ClusterApiFixture.FollowsPerHour; i++)
        {
            targets.Add(await ApiClient.RegisterAsync(cluster.First));
        }

        for (var i = 0; i < ClusterApiFixture.FollowsPerHour; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? user.Http : onSecond).PostAsync($"/v1/users/{targets[i].Id}/follow", null)).StatusCode);
        }

        foreach (var http in new[] { user.Http, onSecond })
        {
            var refused = await http.PostAsync($"/v1/users/{targets[^1].Id}/follow", null);
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(59));
        }

        Assert.Equal(ClusterApiFixture.FollowsPerHour, (await user.GetJsonAsync("/v1/users/me"))!["followingCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task ControlsSetOnOneInstanceHoldOnTheOther()
    {
        var author = await ApiClient.RegisterAsync(cluster.First);
        var reader = await ApiClient.RegisterAsync(cluster.First);
        var readerOnSecond = OnSecondInstance(reader);
        var authorOnSecond = OnSecondInstance(author);
        await reader.FollowAsync(author);

        // Comment policy: set on the first, enforced and shown on the second.
        Assert.Equal(HttpStatusCode.OK, (await author.Http.PatchAsJsonAsync("/v1/users/me", new { commentPolicy = "off" })).StatusCode);
        Assert.Equal("off", (await authorOnSecond.GetFromJsonAsync<JsonObject>("/v1/users/me"))!["commentPolicy"]!.GetValue<string>());
        var quiet = await author.PublishAsync("quiet");
        await ProblemAssert.IsProblemAsync(await readerOnSecond.PostAsJsonAsync($"/v1/posts/{quiet}/comments", new { text = "hi" }), HttpStatusCode.Forbidden);

        // Muted words: saved on the first, applied to the feed read on the second.
        var muted = await author.PublishAsync("a cat picture");
        var kept = await author.PublishAsync("a category picture");
        Assert.Equal(HttpStatusCode.OK, (await reader.Http.PutAsJsonAsync("/v1/users/me/muted-words", new { words = new[] { "CAT" } })).StatusCode);
        Assert.Equal(["cat"], (await readerOnSecond.GetFromJsonAsync<JsonObject>("/v1/users/me/muted-words"))!["words"]!.AsArray().Select(w => w!.GetValue<string>()));
        await Eventually.TrueAsync(async () => (await FeedAsync(readerOnSecond)).Contains(kept), "the kept post in the feed");
        Assert.DoesNotContain(muted, await FeedAsync(readerOnSecond));

        // Stories hidden on the second: gone from the tray and the view on the first.
        var story = await StoriesApiTests.PostStoryAsync(author);
        Assert.Equal(HttpStatusCode.NoContent, (await authorOnSecond.PostAsync($"/v1/users/me/story-hidden/{reader.Id}", null)).StatusCode);
        Assert.DoesNotContain((await reader.Http.GetFromJsonAsync<JsonArray>("/v1/stories/feed"))!, e => e!["user"]!["id"]!.GetValue<string>() == author.Id);
        await ProblemAssert.IsProblemAsync(await reader.Http.PostAsync($"/v1/stories/{story}/view", null), HttpStatusCode.NotFound);
        Assert.Equal([reader.Id], await author.WalkIdsAsync("/v1/users/me/story-hidden?limit=10"));

        // Blocks made on the first are listed on the second.
        Assert.Equal(HttpStatusCode.NoContent, (await reader.Http.PostAsync($"/v1/users/{author.Id}/block", null)).StatusCode);
        var blocked = await readerOnSecond.GetFromJsonAsync<JsonObject>("/v1/users/me/blocked");
        Assert.Equal([author.Id], blocked!["items"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));
    }

    private static async Task<List<string>> FeedAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<JsonObject>("/v1/feed?limit=100"))!["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>())];

    private HttpClient OnSecondInstance(ApiClient user) => cluster.OnSecondInstance(user);
}
