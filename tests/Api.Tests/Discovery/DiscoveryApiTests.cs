using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Discovery;

[Collection(ApiCollection.Name)]
public sealed class DiscoveryApiTests(ApiFactory factory)
{
    [Fact]
    public async Task HashtagPagesShowVisiblePostsNewestFirstAndNeverDeletedOnes()
    {
        var tag = "shore" + Guid.NewGuid().ToString("N")[..8];
        var open = await ApiClient.RegisterAsync(factory);
        var closed = await ApiClient.RegisterAsync(factory);
        var reader = await ApiClient.RegisterAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await closed.Http.PatchAsJsonAsync("/v1/users/me", new { isPrivate = true })).StatusCode);
        var older = await open.PublishAsync($"waves #{tag}");
        var newer = await open.PublishAsync($"more waves #{tag.ToUpperInvariant()}");
        var deleted = await open.PublishAsync($"oops #{tag}");
        await closed.PublishAsync($"hidden #{tag}");

        await Eventually.TrueAsync(async () => (await IdsAsync(reader, $"/v1/hashtags/{tag}/posts")).Count == 3, "three visible posts on the tag page");
        Assert.Equal(HttpStatusCode.NoContent, (await open.Http.DeleteAsync($"/v1/posts/{deleted}")).StatusCode);
        Assert.Equal([newer, older], await IdsAsync(reader, $"/v1/hashtags/%23{tag.ToUpperInvariant()}/posts"));
    }

    [Fact]
    public async Task TrendingAndExploreAnswerAndRejectBadInput()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var trending = await user.GetJsonAsync("/v1/trending?window=1h");
        Assert.NotNull(trending!["tags"]);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/trending?window=2h"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/hashtags/no%20spaces/posts"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/explore?limit=0"), HttpStatusCode.BadRequest);
        var explore = await user.GetJsonAsync("/v1/explore");
        Assert.All(explore!["items"]!.AsArray(), p => Assert.False(p!["author"]!["isPrivate"]!.GetValue<bool>()));
    }

    private static async Task<List<string>> IdsAsync(ApiClient reader, string path) =>
        [.. (await reader.GetJsonAsync(path))!["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>())];
}
