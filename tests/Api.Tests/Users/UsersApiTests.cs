using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Users;

[Collection(ApiCollection.Name)]
public sealed class UsersApiTests(ApiFactory factory)
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
}
