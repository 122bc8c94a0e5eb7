using System.Net;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Graph;

[Collection(ApiCollection.Name)]
public sealed class GraphApiTests(ApiFactory factory)
{
    [Fact]
    public async Task FollowMistakesAreProblems()
    {
        var user = await ApiClient.RegisterAsync(factory);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsync($"/v1/users/{user.Id}/follow", null), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsync("/v1/users/123456789/follow", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsync("/v1/users/not-a-number/follow", null), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync($"/v1/users/nobody_{Guid.NewGuid():N}"[..30]), HttpStatusCode.NotFound);
        Assert.Equal(0, (await user.GetJsonAsync("/v1/users/me"))!["followingCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task FollowersAndFollowingPageByCursor()
    {
        var star = await ApiClient.RegisterAsync(factory, "star");
        var fans = new List<ApiClient>();
        for (var i = 0; i < 7; i++)
        {
            var fan = await ApiClient.RegisterAsync(factory, "fan");
            await fan.FollowAsync(star);
            fans.Add(fan);
        }

        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var page = await star.GetJsonAsync($"/v1/users/{star.Id}/followers?limit=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            listed.AddRange(page!["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(fans.Select(f => f.Username).Reverse(), listed); // newest first
        var following = await fans[0].GetJsonAsync($"/v1/users/{fans[0].Id}/following");
        Assert.Equal(star.Username, following!["items"]![0]!["username"]!.GetValue<string>());
        Assert.Null(following["nextCursor"]);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=abc")]
    [InlineData("cursor=bm90LWEtY3Vyc29y")]
    [InlineData("cursor=AAAAAAAAAAEAAAAAAAAAAA")]
    public async Task BadPagingParametersAreBadRequests(string query)
    {
        var user = await ApiClient.RegisterAsync(factory);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync($"/v1/users/{user.Id}/followers?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnfollowIsIdempotent()
    {
        var a = await ApiClient.RegisterAsync(factory);
        var b = await ApiClient.RegisterAsync(factory);
        await a.FollowAsync(b);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.DeleteAsync($"/v1/users/{b.Id}/follow")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.DeleteAsync($"/v1/users/{b.Id}/follow")).StatusCode);
        Assert.Equal(0, (await b.GetJsonAsync("/v1/users/me"))!["followerCount"]!.GetValue<long>());
    }
}
