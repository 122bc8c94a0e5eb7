using System.Net;
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
    public async Task FeedOfSomeoneWhoFollowsNobodyIsEmpty()
    {
        var loner = await ApiClient.RegisterAsync(factory);
        var feed = await loner.GetJsonAsync("/v1/feed");
        Assert.Empty(feed!["items"]!.AsArray());
        Assert.Null(feed["nextCursor"]);
    }

    [Theory]
    [InlineData("ranked")]
    [InlineData("popular")]
    public async Task OrdersOtherThanChronologicalAreBadRequests(string order)
    {
        var user = await ApiClient.RegisterAsync(factory);
        var problem = await ProblemAssert.IsProblemAsync(await user.Http.GetAsync($"/v1/feed?order={order}"), HttpStatusCode.BadRequest);
        Assert.Contains("ranked", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
