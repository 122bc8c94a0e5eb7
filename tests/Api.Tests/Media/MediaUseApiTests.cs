using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Media;

/// <summary>
/// One media item, one use (a post, a story or an avatar): a second use is 409, so deleting or expiring one can
/// delete the item's images without breaking another.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MediaUseApiTests(ApiFactory factory)
{
    [Fact]
    public async Task APostsMediaCannotBePostedAgainNorUsedForAStoryOrAnAvatar()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var mediaId = await user.UploadAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(user, mediaId)).StatusCode);

        await ProblemAssert.IsProblemAsync(await PostAsync(user, mediaId), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await StoryAsync(user, mediaId), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await AvatarAsync(user, mediaId), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AStorysMediaCannotBePostedNorUsedForAnotherStory()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var mediaId = await user.UploadAsync();
        Assert.Equal(HttpStatusCode.Created, (await StoryAsync(user, mediaId)).StatusCode);

        await ProblemAssert.IsProblemAsync(await PostAsync(user, mediaId), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await StoryAsync(user, mediaId), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnAvatarCanBeChosenAgainButNotPosted()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var mediaId = await user.UploadAsync();
        Assert.Equal(HttpStatusCode.OK, (await AvatarAsync(user, mediaId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AvatarAsync(user, mediaId)).StatusCode);

        await ProblemAssert.IsProblemAsync(await PostAsync(user, mediaId), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task APostRefusedForOneItemLeavesItsOtherItemsUsable()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var taken = await user.UploadAsync();
        var free = await user.UploadAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(user, taken)).StatusCode);

        await ProblemAssert.IsProblemAsync(await PostAsync(user, free, taken), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(user, free)).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(ApiClient user, params string[] mediaIds) =>
        user.Http.PostAsJsonAsync("/v1/posts", new { mediaIds, caption = "one use" });

    private static Task<HttpResponseMessage> StoryAsync(ApiClient user, string mediaId) =>
        user.Http.PostAsJsonAsync("/v1/stories", new { mediaId });

    private static Task<HttpResponseMessage> AvatarAsync(ApiClient user, string mediaId) =>
        user.Http.PatchAsJsonAsync("/v1/users/me", new { avatarMediaId = mediaId });
}
