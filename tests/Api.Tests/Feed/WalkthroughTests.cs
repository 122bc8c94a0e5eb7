using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Feed;

/// <summary>The README walkthrough, over HTTP, with the celebrity threshold at 2.</summary>
public sealed class WalkthroughTests(WalkthroughApiFactory factory) : IClassFixture<WalkthroughApiFactory>
{
    [Fact]
    public async Task FollowersSeeEveryPostExactlyOnceBeforeAndAfterTheAuthorBecomesACelebrity()
    {
        var star = await ApiClient.RegisterAsync(factory, "star");
        var fans = new[] { await ApiClient.RegisterAsync(factory, "fan"), await ApiClient.RegisterAsync(factory, "fan") };
        await fans[0].FollowAsync(star);
        var beforeFame = await star.PublishAsync("one follower: pushed");

        await fans[1].FollowAsync(star); // two followers: now a celebrity, pulled
        var afterFame = await star.PublishAsync("two followers: pulled");

        foreach (var fan in fans)
        {
            await Eventually.TrueAsync(async () => (await fan.FeedPostIdsAsync()).Contains(afterFame), "celebrity post in feed");
            var feed = await fan.FeedPostIdsAsync();
            Assert.Equal(1, feed.Count(id => id == beforeFame));
            Assert.Equal(1, feed.Count(id => id == afterFame));
        }
    }

    [Fact]
    public async Task AnExpiredStoryLeavesTheTrayAndCannotBeViewed()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var viewer = await ApiClient.RegisterAsync(factory);
        await viewer.FollowAsync(author);
        var story = await Stories.StoriesApiTests.PostStoryAsync(author);
        Assert.Contains(author.Username, await TrayUsernamesAsync(viewer));

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.DoesNotContain(author.Username, await TrayUsernamesAsync(viewer));
        await ProblemAssert.IsProblemAsync(await viewer.Http.PostAsync($"/v1/stories/{story}/view", null), HttpStatusCode.NotFound);
    }

    private static async Task<List<string>> TrayUsernamesAsync(ApiClient viewer) =>
        [.. (await viewer.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/v1/stories/feed"))!.Select(e => e!["user"]!["username"]!.GetValue<string>())];

    [Fact]
    public async Task TooManyFollowsInAMinuteAreRateLimited()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var targets = new List<ApiClient>();
        for (var i = 0; i <= WalkthroughApiFactory.FollowLimit; i++)
        {
            targets.Add(await ApiClient.RegisterAsync(factory));
        }

        for (var i = 0; i < WalkthroughApiFactory.FollowLimit; i++)
        {
            await user.FollowAsync(targets[i]);
        }

        var refused = await user.Http.PostAsync($"/v1/users/{targets[^1].Id}/follow", null);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(0, (await targets[^1].GetJsonAsync("/v1/users/me"))!["followerCount"]!.GetValue<long>());
    }
}
