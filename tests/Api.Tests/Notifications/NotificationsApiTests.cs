using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Notifications;

[Collection(ApiCollection.Name)]
public sealed class NotificationsApiTests(ApiFactory factory)
{
    [Fact]
    public async Task LikesOnOnePostAggregateAndOtherEventsStandAlone()
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var postId = await author.PublishAsync($"hello @{author.Username}");
        var fans = new List<ApiClient>();
        for (var i = 0; i < 4; i++)
        {
            var fan = await ApiClient.RegisterAsync(factory, "fan");
            await fan.LikeAsync(postId);
            fans.Add(fan);
        }

        await fans[0].FollowAsync(author);
        await fans[1].CommentAsync(postId, $"nice, @{author.Username}");
        await author.LikeAsync(postId); // your own like never notifies you

        JsonArray items = [];
        await Eventually.TrueAsync(async () =>
        {
            items = (await author.GetJsonAsync("/v1/notifications"))!["items"]!.AsArray();
            return items.Count == 4;
        }, "like, follow, comment and mention notifications");

        var like = items.Single(n => n!["type"]!.GetValue<string>() == "like")!;
        Assert.Equal(4, like["actorCount"]!.GetValue<long>());
        Assert.Equal(fans[^1].Username, like["actors"]![0]!["username"]!.GetValue<string>());
        Assert.Equal(postId, like["post"]!["id"]!.GetValue<string>());
        Assert.Equal(["comment", "follow", "like", "mention"], items.Select(n => n!["type"]!.GetValue<string>()).Order());
        Assert.All(items, n => Assert.False(n!["read"]!.GetValue<bool>()));

        var newest = items[0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await author.Http.PostAsJsonAsync("/v1/notifications/read", new { upTo = newest })).StatusCode);
        Assert.All((await author.GetJsonAsync("/v1/notifications"))!["items"]!.AsArray(), n => Assert.True(n!["read"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task NotificationsAboutADeletedPostOrFromABlockedUserDisappear()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var fan = await ApiClient.RegisterAsync(factory);
        var troll = await ApiClient.RegisterAsync(factory);
        var kept = await author.PublishAsync();
        var doomed = await author.PublishAsync();
        await fan.LikeAsync(kept);
        await fan.LikeAsync(doomed);
        await troll.CommentAsync(kept, "meh");
        await Eventually.TrueAsync(async () => (await author.GetJsonAsync("/v1/notifications"))!["items"]!.AsArray().Count == 3, "three notifications");

        Assert.Equal(HttpStatusCode.NoContent, (await author.Http.DeleteAsync($"/v1/posts/{doomed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await author.Http.PostAsync($"/v1/users/{troll.Id}/block", null)).StatusCode);

        var items = (await author.GetJsonAsync("/v1/notifications"))!["items"]!.AsArray();
        var only = Assert.Single(items);
        Assert.Equal(kept, only!["post"]!["id"]!.GetValue<string>());
        Assert.Equal(fan.Username, only["actors"]![0]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMentionInAPrivatePostNotifiesOnlyThoseWhoMaySeeIt()
    {
        var author = await ApiClient.RegisterAsync(factory, "private");
        var follower = await ApiClient.RegisterAsync(factory, "follower");
        var stranger = await ApiClient.RegisterAsync(factory, "stranger");
        await follower.FollowAsync(author);
        Assert.Equal(HttpStatusCode.OK, (await author.Http.PatchAsJsonAsync("/v1/users/me", new { isPrivate = true })).StatusCode);

        var postId = await author.PublishAsync($"secret plans with @{follower.Username} and @{stranger.Username}");
        await author.CommentAsync(postId, $"also @{stranger.Username}");

        await Eventually.TrueAsync(async () => (await follower.GetJsonAsync("/v1/notifications"))!["items"]!.AsArray()
            .Any(n => n!["type"]!.GetValue<string>() == "mention"), "the follower is told");
        var later = await ApiClient.RegisterAsync(factory, "later"); // a marker: a public mention sent after the others
        var marker = await later.PublishAsync($"hi @{stranger.Username}");
        await Eventually.TrueAsync(async () => (await stranger.GetJsonAsync("/v1/notifications"))!["items"]!.AsArray().Count > 0, "marker mention");
        var strangers = (await stranger.GetJsonAsync("/v1/notifications"))!["items"]!.AsArray();
        Assert.All(strangers, n => Assert.Equal(marker, n!["post"]!["id"]!.GetValue<string>()));
    }
}
