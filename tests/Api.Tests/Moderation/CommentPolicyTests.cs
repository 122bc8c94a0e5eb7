using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

[Collection(ApiCollection.Name)]
public sealed class CommentPolicyTests(ApiFactory factory)
{
    [Fact]
    public async Task TheOwnerSeesTheirPolicyAndOthersDoNot()
    {
        var owner = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        Assert.Equal("everyone", (await owner.GetJsonAsync("/v1/users/me"))!["commentPolicy"]!.GetValue<string>());

        var patched = await SetPolicyAsync(owner, "followers");
        Assert.Equal("followers", patched["commentPolicy"]!.GetValue<string>());
        Assert.Equal("followers", (await owner.GetJsonAsync("/v1/users/me"))!["commentPolicy"]!.GetValue<string>());
        Assert.Equal("followers", (await owner.GetJsonAsync($"/v1/users/{owner.Username}"))!["commentPolicy"]!.GetValue<string>());
        Assert.False((await other.GetJsonAsync($"/v1/users/{owner.Username}"))!.ContainsKey("commentPolicy"));
    }

    [Fact]
    public async Task FollowersOnlyRefusesOthersWithAReasonAndKeepsEarlierComments()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var follower = await ApiClient.RegisterAsync(factory);
        var stranger = await ApiClient.RegisterAsync(factory);
        await follower.FollowAsync(author);
        var post = await author.PublishAsync("policy test");
        var earlier = (await stranger.CommentAsync(post, "before the change"))["id"]!.GetValue<string>();

        await SetPolicyAsync(author, "followers");

        var refused = await ProblemAssert.IsProblemAsync(await CommentAsync(stranger, post, "after the change"), HttpStatusCode.Forbidden);
        Assert.Contains("followers", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await follower.CommentAsync(post, "a follower may");
        await author.CommentAsync(post, "the author may");
        Assert.False(await CanCommentAsync(stranger, post));
        Assert.True(await CanCommentAsync(follower, post));
        Assert.True(await CanCommentAsync(author, post));

        Assert.Equal(earlier, (await stranger.GetJsonAsync($"/v1/posts/{post}/comments"))!["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(["before the change", "a follower may", "the author may"], await CommentTextsAsync(stranger, post));
    }

    [Fact]
    public async Task OffRefusesEveryoneButTheAuthorAndEveryoneRestoresIt()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var follower = await ApiClient.RegisterAsync(factory);
        await follower.FollowAsync(author);
        var post = await author.PublishAsync("quiet post");

        await SetPolicyAsync(author, "off");
        var refused = await ProblemAssert.IsProblemAsync(await CommentAsync(follower, post, "may I?"), HttpStatusCode.Forbidden);
        Assert.Contains("turned comments off", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(await CanCommentAsync(follower, post));
        await author.CommentAsync(post, "only me");

        await SetPolicyAsync(author, "everyone");
        Assert.True(await CanCommentAsync(follower, post));
        await follower.CommentAsync(post, "now I may");
        Assert.Equal(["only me", "now I may"], await CommentTextsAsync(follower, post));
    }

    [Theory]
    [InlineData("{\"commentPolicy\":\"friends\"}")]
    [InlineData("{\"commentPolicy\":\"Everyone\"}")]
    [InlineData("{\"commentPolicy\":2}")]
    public async Task AnUnknownPolicyIsABadRequestAndChangesNothing(string body)
    {
        var owner = await ApiClient.RegisterAsync(factory);
        await SetPolicyAsync(owner, "off");
        var response = await owner.Http.PatchAsync("/v1/users/me", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("off", (await owner.GetJsonAsync("/v1/users/me"))!["commentPolicy"]!.GetValue<string>());
    }

    private static async Task<JsonObject> SetPolicyAsync(ApiClient owner, string policy)
    {
        var response = await owner.Http.PatchAsJsonAsync("/v1/users/me", new { commentPolicy = policy });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static Task<HttpResponseMessage> CommentAsync(ApiClient user, string postId, string text) =>
        user.Http.PostAsJsonAsync($"/v1/posts/{postId}/comments", new { text });

    private static async Task<bool> CanCommentAsync(ApiClient viewer, string postId) =>
        (await viewer.GetJsonAsync($"/v1/posts/{postId}"))!["canComment"]!.GetValue<bool>();

    private static async Task<List<string>> CommentTextsAsync(ApiClient viewer, string postId) =>
        [.. (await viewer.GetJsonAsync($"/v1/posts/{postId}/comments?limit=100"))!["items"]!.AsArray().Select(c => c!["text"]!.GetValue<string>())];
}
