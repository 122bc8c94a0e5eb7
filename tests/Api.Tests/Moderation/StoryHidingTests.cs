using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Api.Tests.Stories;

namespace Instagram.Api.Tests.Moderation;

[Collection(ApiCollection.Name)]
public sealed class StoryHidingTests(ApiFactory factory)
{
    [Fact]
    public async Task AHiddenFollowerLosesTheStoriesUntilTheyAreShownAgain()
    {
        var owner = await ApiClient.RegisterAsync(factory);
        var hidden = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        await hidden.FollowAsync(owner);
        await other.FollowAsync(owner);
        var story = await StoriesApiTests.PostStoryAsync(owner);
        Assert.True(await InTrayAsync(hidden, owner));

        for (var i = 0; i < 2; i++) // idempotent
        {
            Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PostAsync($"/v1/users/me/story-hidden/{hidden.Id}", null)).StatusCode);
        }

        Assert.False(await InTrayAsync(hidden, owner));
        await ProblemAssert.IsProblemAsync(await hidden.Http.PostAsync($"/v1/stories/{story}/view", null), HttpStatusCode.NotFound);
        Assert.True(await InTrayAsync(other, owner));
        Assert.Equal(HttpStatusCode.NoContent, (await other.Http.PostAsync($"/v1/stories/{story}/view", null)).StatusCode);
        Assert.Equal([hidden.Id], await owner.WalkIdsAsync("/v1/users/me/story-hidden?limit=10"));
        // The owner's viewers list is theirs: the hidden user never viewed, the other did.
        Assert.Equal([other.Id], await owner.WalkIdsAsync($"/v1/stories/{story}/viewers?limit=10"));

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.DeleteAsync($"/v1/users/me/story-hidden/{hidden.Id}")).StatusCode);
        }

        Assert.True(await InTrayAsync(hidden, owner));
        Assert.Equal(HttpStatusCode.NoContent, (await hidden.Http.PostAsync($"/v1/stories/{story}/view", null)).StatusCode);
        Assert.Empty(await owner.WalkIdsAsync("/v1/users/me/story-hidden?limit=10"));
    }

    [Fact]
    public async Task TheHiddenListPagesNewestFirst()
    {
        var owner = await ApiClient.RegisterAsync(factory);
        var users = new List<ApiClient>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await ApiClient.RegisterAsync(factory));
            Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PostAsync($"/v1/users/me/story-hidden/{users[i].Id}", null)).StatusCode);
        }

        var first = await owner.GetJsonAsync("/v1/users/me/story-hidden?limit=2");
        Assert.Equal([users[2].Id, users[1].Id], first!["items"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));
        Assert.Equal([users[2].Id, users[1].Id, users[0].Id], await owner.WalkIdsAsync("/v1/users/me/story-hidden?limit=2"));
    }

    [Fact]
    public async Task HidingFromNobodyOrYourselfIsAProblem()
    {
        var owner = await ApiClient.RegisterAsync(factory);
        await ProblemAssert.IsProblemAsync(await owner.Http.PostAsync("/v1/users/me/story-hidden/424242", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await owner.Http.DeleteAsync("/v1/users/me/story-hidden/424242"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await owner.Http.PostAsync($"/v1/users/me/story-hidden/{owner.Id}", null), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await owner.Http.PostAsync("/v1/users/me/story-hidden/abc", null), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await owner.Http.GetAsync("/v1/users/me/story-hidden?limit=0"), HttpStatusCode.BadRequest);
        Assert.Empty(await owner.WalkIdsAsync("/v1/users/me/story-hidden?limit=10"));
    }

    private static async Task<bool> InTrayAsync(ApiClient viewer, ApiClient owner) =>
        (await viewer.Http.GetFromJsonAsync<JsonArray>("/v1/stories/feed"))!.Any(e => e!["user"]!["id"]!.GetValue<string>() == owner.Id);
}
