using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Users;

[Collection(ApiCollection.Name)]
public sealed class UsersAndGraphApiTests(ApiFactory factory)
{
    [Fact]
    public async Task ProfilesShowCountsAndTheViewersRelationship()
    {
        var alice = await ApiClient.RegisterAsync(factory, "alice");
        var bob = await ApiClient.RegisterAsync(factory, "bob");
        await bob.FollowAsync(alice);
        await bob.FollowAsync(alice); // idempotent

        var seenByBob = await bob.GetJsonAsync($"/v1/users/{alice.Username}");
        Assert.True(seenByBob!["isFollowing"]!.GetValue<bool>());
        Assert.Equal(1, seenByBob["followerCount"]!.GetValue<long>());
        var bobsOwn = await bob.GetJsonAsync("/v1/users/me");
        Assert.Equal(1, bobsOwn!["followingCount"]!.GetValue<long>());
        var seenByAlice = await alice.GetJsonAsync($"/v1/users/{bob.Username}");
        Assert.False(seenByAlice!["isFollowing"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PatchChangesOnlyWhatIsSent()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var response = await user.Http.PatchAsJsonAsync("/v1/users/me", new { bio = "Photos of the sea", isPrivate = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await user.GetJsonAsync("/v1/users/me");
        Assert.Equal("Photos of the sea", me!["bio"]!.GetValue<string>());
        Assert.True(me["isPrivate"]!.GetValue<bool>());

        var tooLong = await user.Http.PatchAsJsonAsync("/v1/users/me", new { bio = new string('x', 151) });
        await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.BadRequest);
        Assert.Equal("Photos of the sea", (await user.GetJsonAsync("/v1/users/me"))!["bio"]!.GetValue<string>());
    }

    [Fact]
    public async Task AvatarMustBeTheCallersOwnUploadedMedia()
    {
        var owner = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        var mediaId = await owner.UploadAsync();

        var foreign = await other.Http.PatchAsJsonAsync("/v1/users/me", new { avatarMediaId = mediaId });
        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.NotFound); // someone else's media does not exist for them
        var own = await owner.Http.PatchAsJsonAsync("/v1/users/me", new { avatarMediaId = mediaId });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(mediaId, (await owner.GetJsonAsync("/v1/users/me"))!["avatarUrl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

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
