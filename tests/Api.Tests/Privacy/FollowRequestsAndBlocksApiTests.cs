using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Privacy;

[Collection(ApiCollection.Name)]
public sealed class FollowRequestsAndBlocksApiTests(ApiFactory factory)
{
    [Fact]
    public async Task RequestsCanBeApprovedDeclinedOrWithdrawn()
    {
        var owner = await PrivateUserAsync();
        var approved = await ApiClient.RegisterAsync(factory);
        var declined = await ApiClient.RegisterAsync(factory);
        var withdrawn = await ApiClient.RegisterAsync(factory);
        foreach (var requester in new[] { approved, declined, withdrawn })
        {
            Assert.Equal("requested", await FollowStateAsync(requester, owner));
        }

        Assert.True((await approved.GetJsonAsync($"/v1/users/{owner.Username}"))!["followRequested"]!.GetValue<bool>());
        var pending = await owner.GetJsonAsync("/v1/follow-requests");
        Assert.Equal([withdrawn.Username, declined.Username, approved.Username], pending!["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PostAsync($"/v1/follow-requests/{approved.Id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PostAsync($"/v1/follow-requests/{declined.Id}/decline", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await withdrawn.Http.DeleteAsync($"/v1/users/{owner.Id}/follow")).StatusCode);
        await ProblemAssert.IsProblemAsync(await owner.Http.PostAsync($"/v1/follow-requests/{declined.Id}/approve", null), HttpStatusCode.NotFound);

        await Eventually.TrueAsync(async () => (await owner.GetJsonAsync("/v1/follow-requests"))!["items"]!.AsArray().Count == 0, "no request left");
        Assert.True((await approved.GetJsonAsync($"/v1/users/{owner.Username}"))!["isFollowing"]!.GetValue<bool>());
        Assert.False((await declined.GetJsonAsync($"/v1/users/{owner.Username}"))!["followRequested"]!.GetValue<bool>());
        Assert.Equal(1, (await owner.GetJsonAsync("/v1/users/me"))!["followerCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task GoingPublicApprovesEveryPendingRequest()
    {
        var owner = await PrivateUserAsync();
        var requester = await ApiClient.RegisterAsync(factory);
        Assert.Equal("requested", await FollowStateAsync(requester, owner));

        Assert.Equal(HttpStatusCode.OK, (await owner.Http.PatchAsJsonAsync("/v1/users/me", new { isPrivate = false })).StatusCode);

        Assert.True((await requester.GetJsonAsync($"/v1/users/{owner.Username}"))!["isFollowing"]!.GetValue<bool>());
        Assert.Equal("following", await FollowStateAsync(await ApiClient.RegisterAsync(factory), owner));
    }

    [Fact]
    public async Task BlockingEndsFollowsBothWaysAndHidesEachFromTheOther()
    {
        var a = await ApiClient.RegisterAsync(factory);
        var b = await ApiClient.RegisterAsync(factory);
        await a.FollowAsync(b);
        await b.FollowAsync(a);
        var bPost = await b.PublishAsync();
        await Eventually.TrueAsync(async () => (await a.FeedPostIdsAsync()).Contains(bPost), "b's post in a's feed");

        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.PostAsync($"/v1/users/{b.Id}/block", null)).StatusCode);

        Assert.Equal(0, (await a.GetJsonAsync("/v1/users/me"))!["followerCount"]!.GetValue<long>());
        Assert.Equal(0, (await a.GetJsonAsync("/v1/users/me"))!["followingCount"]!.GetValue<long>());
        Assert.DoesNotContain(bPost, await a.FeedPostIdsAsync());
        await ProblemAssert.IsProblemAsync(await a.Http.GetAsync($"/v1/users/{b.Username}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await b.Http.GetAsync($"/v1/users/{a.Username}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await b.Http.PostAsync($"/v1/users/{a.Id}/follow", null), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.DeleteAsync($"/v1/users/{b.Id}/block")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Http.GetAsync($"/v1/users/{a.Username}")).StatusCode);
    }

    [Fact]
    public async Task BlockMistakesAreProblems()
    {
        var user = await ApiClient.RegisterAsync(factory);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsync($"/v1/users/{user.Id}/block", null), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsync("/v1/users/999999/block", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsync("/v1/follow-requests/999999/approve", null), HttpStatusCode.NotFound);
    }

    private async Task<ApiClient> PrivateUserAsync()
    {
        var owner = await ApiClient.RegisterAsync(factory, "private");
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.PatchAsJsonAsync("/v1/users/me", new { isPrivate = true })).StatusCode);
        return owner;
    }

    private static async Task<string> FollowStateAsync(ApiClient follower, ApiClient target)
    {
        var response = await follower.Http.PostAsync($"/v1/users/{target.Id}/follow", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>();
    }
}
