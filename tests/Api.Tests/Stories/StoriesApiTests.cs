using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Stories;

[Collection(ApiCollection.Name)]
public sealed class StoriesApiTests(ApiFactory factory)
{
    [Fact]
    public async Task FollowersSeeStoriesInTheTrayAndViewsAreRecordedOnce()
    {
        var author = await ApiClient.RegisterAsync(factory, "storyteller");
        var viewer = await ApiClient.RegisterAsync(factory, "viewer");
        await viewer.FollowAsync(author);
        var first = await PostStoryAsync(author);
        var second = await PostStoryAsync(author);

        var tray = await viewer.Http.GetFromJsonAsync<JsonArray>("/v1/stories/feed");
        var entry = tray!.Single(e => e!["user"]!["username"]!.GetValue<string>() == author.Username)!;
        Assert.Equal([first, second], entry["stories"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.False(entry["allSeen"]!.GetValue<bool>());

        foreach (var story in new[] { first, second, first })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await viewer.Http.PostAsync($"/v1/stories/{story}/view", null)).StatusCode);
        }

        var seen = (await viewer.Http.GetFromJsonAsync<JsonArray>("/v1/stories/feed"))!.Single(e => e!["user"]!["username"]!.GetValue<string>() == author.Username)!;
        Assert.True(seen["allSeen"]!.GetValue<bool>());
        var viewers = await author.GetJsonAsync($"/v1/stories/{first}/viewers");
        Assert.Equal([viewer.Username], viewers!["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()));
        await ProblemAssert.IsProblemAsync(await viewer.Http.GetAsync($"/v1/stories/{first}/viewers"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task StoryMistakesAreProblems()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        var foreign = await other.UploadAsync();
        var pending = (await author.CreateUploadSlotAsync("image/png", 100)).MediaId;

        await ProblemAssert.IsProblemAsync(await author.Http.PostAsJsonAsync("/v1/stories", new { mediaId = "424242" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await author.Http.PostAsJsonAsync("/v1/stories", new { mediaId = foreign }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await author.Http.PostAsJsonAsync("/v1/stories", new { mediaId = pending }), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await author.Http.PostAsJsonAsync("/v1/stories", new { mediaId = "x" }), HttpStatusCode.BadRequest);

        var story = await PostStoryAsync(author);
        await ProblemAssert.IsProblemAsync(await other.Http.DeleteAsync($"/v1/stories/{story}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await author.Http.DeleteAsync($"/v1/stories/{story}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await other.Http.PostAsync($"/v1/stories/{story}/view", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PrivateAndBlockedViewersCannotViewStories()
    {
        var owner = await ApiClient.RegisterAsync(factory);
        var stranger = await ApiClient.RegisterAsync(factory);
        var blocked = await ApiClient.RegisterAsync(factory);
        var story = await PostStoryAsync(owner);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PostAsync($"/v1/users/{blocked.Id}/block", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.PatchAsJsonAsync("/v1/users/me", new { isPrivate = true })).StatusCode);

        await ProblemAssert.IsProblemAsync(await stranger.Http.PostAsync($"/v1/stories/{story}/view", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await blocked.Http.PostAsync($"/v1/stories/{story}/view", null), HttpStatusCode.NotFound);
    }

    public static async Task<string> PostStoryAsync(ApiClient author)
    {
        var mediaId = await author.UploadAsync();
        var response = await author.Http.PostAsJsonAsync("/v1/stories", new { mediaId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["storyId"]!.GetValue<string>();
    }
}
