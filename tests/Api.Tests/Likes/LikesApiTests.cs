using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Likes;

[Collection(ApiCollection.Name)]
public sealed class LikesApiTests(ApiFactory factory)
{
    [Fact]
    public async Task LikesAreIdempotentPerUserAndShowOnEveryHydratedPost()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var fan = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        await fan.FollowAsync(author);
        var postId = await author.PublishAsync();

        Assert.Equal(1, (await fan.LikeAsync(postId))["likeCount"]!.GetValue<long>());
        var again = await fan.LikeAsync(postId);
        Assert.Equal(1, again["likeCount"]!.GetValue<long>());
        Assert.True(again["isLiked"]!.GetValue<bool>());
        Assert.Equal(2, (await other.LikeAsync(postId))["likeCount"]!.GetValue<long>());

        var seenByFan = await fan.GetJsonAsync($"/v1/posts/{postId}");
        Assert.True(seenByFan!["isLiked"]!.GetValue<bool>());
        Assert.Equal(2, seenByFan["likeCount"]!.GetValue<long>());
        await Eventually.TrueAsync(async () => (await fan.FeedPostIdsAsync()).Contains(postId), "in feed");
        var inFeed = (await fan.GetJsonAsync("/v1/feed"))!["items"]![0]!;
        Assert.True(inFeed["isLiked"]!.GetValue<bool>());
        var inGrid = (await author.GetJsonAsync($"/v1/users/{author.Id}/posts"))!["items"]![0]!;
        Assert.False(inGrid["isLiked"]!.GetValue<bool>());
        Assert.Equal(2, inGrid["likeCount"]!.GetValue<long>());

        var likers = await author.GetJsonAsync($"/v1/posts/{postId}/likes");
        Assert.Equal([other.Username, fan.Username], likers!["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()));

        var unliked = await fan.Http.DeleteAsync($"/v1/posts/{postId}/like");
        Assert.Equal(1, (await unliked.Content.ReadFromJsonAsync<JsonObject>())!["likeCount"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await fan.Http.DeleteAsync($"/v1/posts/{postId}/like")).StatusCode);
        Assert.False((await fan.GetJsonAsync($"/v1/posts/{postId}"))!["isLiked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task LikingUnknownOrDeletedPostsIsNotFound()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var fan = await ApiClient.RegisterAsync(factory);
        var postId = await author.PublishAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await author.Http.DeleteAsync($"/v1/posts/{postId}")).StatusCode);

        await ProblemAssert.IsProblemAsync(await fan.Http.PostAsync($"/v1/posts/{postId}/like", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await fan.Http.PostAsync("/v1/posts/42/like", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await fan.Http.GetAsync($"/v1/posts/{postId}/likes"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await fan.Http.PostAsJsonAsync($"/v1/posts/{postId}/comments", new { text = "hi" }), HttpStatusCode.NotFound);
    }
}
