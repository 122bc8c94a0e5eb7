using System.Net;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

[Collection(ApiCollection.Name)]
public sealed class BlockedListTests(ApiFactory factory)
{
    [Fact]
    public async Task TheBlockedListPagesNewestFirstAndForgetsUnblocks()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var blocked = new List<ApiClient>();
        for (var i = 0; i < 3; i++)
        {
            blocked.Add(await ApiClient.RegisterAsync(factory));
            Assert.Equal(HttpStatusCode.NoContent, (await user.Http.PostAsync($"/v1/users/{blocked[i].Id}/block", null)).StatusCode);
        }

        var first = await user.GetJsonAsync("/v1/users/me/blocked?limit=2");
        var items = first!["items"]!.AsArray();
        Assert.Equal([blocked[2].Id, blocked[1].Id], items.Select(u => u!["id"]!.GetValue<string>()));
        Assert.Equal(blocked[2].Username, items[0]!["username"]!.GetValue<string>());
        var second = await user.GetJsonAsync($"/v1/users/me/blocked?limit=2&cursor={Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>())}");
        Assert.Equal([blocked[0].Id], second!["items"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));
        Assert.Null(second["nextCursor"]);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.DeleteAsync($"/v1/users/{blocked[1].Id}/block")).StatusCode);
        Assert.Equal([blocked[2].Id, blocked[0].Id], await user.WalkIdsAsync("/v1/users/me/blocked?limit=1"));
        // Only whom the caller blocks: being blocked by someone is not on it.
        Assert.Empty(await blocked[0].WalkIdsAsync("/v1/users/me/blocked?limit=10"));
    }

    [Fact]
    public async Task BadPagingIsABadRequest()
    {
        var user = await ApiClient.RegisterAsync(factory);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/users/me/blocked?limit=101"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/users/me/blocked?cursor=not-a-cursor"), HttpStatusCode.BadRequest);
    }
}
