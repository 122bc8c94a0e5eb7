using System.Net;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Feed;

[Collection(ApiCollection.Name)]
public sealed class FeedApiTests(ApiFactory factory)
{
    [Fact]
    public async Task FeedShowsFollowedAuthorsPostsNewestFirstAndNothingElse()
    {
        var reader = await ApiClient.RegisterAsync(factory);
        var a = await ApiClient.RegisterAsync(factory);
        var b = await ApiClient.RegisterAsync(factory);
        var stranger = await ApiClient.RegisterAsync(factory);
        await reader.FollowAsync(a);
        await reader.FollowAsync(b);

        var first = await a.PublishAsync();
        var second = await b.PublishAsync();
        var unrelated = await stranger.PublishAsync();

        await Eventually.TrueAsync(async () => (await reader.FeedPostIdsAsync()).Count == 2, "two posts in the feed");
        Assert.Equal([second, first], await reader.FeedPostIdsAsync());
        Assert.DoesNotContain(unrelated, await reader.FeedPostIdsAsync());
        var item = (await reader.GetJsonAsync("/v1/feed"))!["items"]![0]!;
        Assert.Equal(b.Username, item["author"]!["username"]!.GetValue<string>());
        Assert.Equal("published", item["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SomeoneWhoFollowsNobodyGetsSuggestedPostsUntilTheirGraphYieldsSome()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var popular = await author.PublishAsync("for everyone #coldstart");
        var newcomer = await ApiClient.RegisterAsync(factory);

        JsonArray items = [];
        await Eventually.TrueAsync(async () => (items = (await newcomer.GetJsonAsync("/v1/feed?limit=100"))!["items"]!.AsArray())
            .Any(p => p!["id"]!.GetValue<string>() == popular), "suggested post in the cold feed");
        Assert.All(items, p => Assert.True(p!["suggested"]!.GetValue<bool>()));

        var friend = await ApiClient.RegisterAsync(factory);
        await newcomer.FollowAsync(friend);
        var own = await friend.PublishAsync();
        await Eventually.TrueAsync(async () => (await newcomer.FeedPostIdsAsync()).Contains(own), "graph post in the feed");
        var feed = (await newcomer.GetJsonAsync("/v1/feed"))!["items"]!.AsArray();
        Assert.All(feed, p => Assert.Null(p!["suggested"]));
    }

    [Fact]
    public async Task RankedOrderPutsTheAuthorsTheReaderEngagesWithFirst()
    {
        var reader = await ApiClient.RegisterAsync(factory);
        var friend = await ApiClient.RegisterAsync(factory);
        var acquaintance = await ApiClient.RegisterAsync(factory);
        await reader.FollowAsync(friend);
        await reader.FollowAsync(acquaintance);
        var friendsPost = await friend.PublishAsync();
        var newer = await acquaintance.PublishAsync();
        await Eventually.TrueAsync(async () => (await reader.FeedPostIdsAsync()).Count == 2, "both posts in the feed");
        await reader.LikeAsync(friendsPost);
        await reader.CommentAsync(friendsPost, "love this");

        Assert.Equal([newer, friendsPost], await reader.FeedPostIdsAsync());
        // Affinity is recorded one-way, so the ranking follows within moments.
        await Eventually.TrueAsync(async () => (await reader.GetJsonAsync("/v1/feed?order=ranked"))!["items"]!.AsArray()
            .Select(p => p!["id"]!.GetValue<string>()).SequenceEqual([friendsPost, newer]), "the engaged-with author ranked first");
    }

    [Fact]
    public async Task UnknownOrdersAreBadRequests()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var problem = await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/feed?order=popular"), HttpStatusCode.BadRequest);
        Assert.Contains("ranked", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
