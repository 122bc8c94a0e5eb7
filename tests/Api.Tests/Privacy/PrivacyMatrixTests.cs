using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Api.Tests.Media;
using Instagram.Grains.Media;

namespace Instagram.Api.Tests.Privacy;

/// <summary>
/// Every read path, for three viewers of a private account's content: a user the owner blocked, a non-follower,
/// and an approved follower. Each gets exactly what it should.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PrivacyMatrixTests(ApiFactory factory) : IAsyncLifetime
{
    private ApiClient _owner = null!;
    private ApiClient _blocked = null!;
    private ApiClient _stranger = null!;
    private ApiClient _follower = null!;
    private string _postId = "";
    private string _postMediaUrl = "";
    private string _storyMediaUrl = "";
    private string _storyId = "";
    private string _unusedMediaId = "";

    public enum Viewer { Blocked, Stranger, Follower }

    public async Task InitializeAsync()
    {
        _owner = await ApiClient.RegisterAsync(factory, "owner");
        _blocked = await ApiClient.RegisterAsync(factory, "blocked");
        _stranger = await ApiClient.RegisterAsync(factory, "stranger");
        _follower = await ApiClient.RegisterAsync(factory, "follower");
        await _blocked.FollowAsync(_owner); // public at first: the blocked user was a follower
        Assert.Equal(HttpStatusCode.OK, (await _owner.Http.PatchAsJsonAsync("/v1/users/me", new { isPrivate = true })).StatusCode);

        var request = await _follower.Http.PostAsync($"/v1/users/{_owner.Id}/follow", null);
        Assert.Equal("requested", (await request.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await _owner.Http.PostAsync($"/v1/follow-requests/{_follower.Id}/approve", null)).StatusCode);

        _postId = await _owner.PublishAsync($"private moment #{Hashtag}");
        _postMediaUrl = (await _owner.GetJsonAsync($"/v1/posts/{_postId}"))!["media"]![0]!["variants"]!["full"]!.GetValue<string>();
        await _owner.CommentAsync(_postId, "my own comment");
        await _follower.LikeAsync(_postId);
        Assert.Equal(HttpStatusCode.NoContent, (await _owner.Http.PostAsync($"/v1/users/{_blocked.Id}/block", null)).StatusCode);

        var storyMedia = await _owner.UploadAsync();
        var story = await _owner.Http.PostAsJsonAsync("/v1/stories", new { mediaId = storyMedia });
        Assert.Equal(HttpStatusCode.Created, story.StatusCode);
        _storyId = (await story.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["storyId"]!.GetValue<string>();
        _unusedMediaId = await _owner.UploadAsync();
        _storyMediaUrl = (await MediaUploads.WaitForStatusAsync(_owner, storyMedia, "ready"))["variants"]!["full"]!.GetValue<string>();
    }

    private static string Hashtag => "privmatrixmedia";

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EveryReadEndpointHonoursBlocksAndPrivacy()
    {
        var expectations = new (string Path, HttpStatusCode Blocked, HttpStatusCode Stranger, HttpStatusCode Follower)[]
        {
            ($"/v1/users/{_owner.Username}", HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.OK),
            ($"/v1/users/{_owner.Id}/posts", HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            ($"/v1/users/{_owner.Id}/followers", HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            ($"/v1/users/{_owner.Id}/following", HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            ($"/v1/posts/{_postId}", HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK),
            ($"/v1/posts/{_postId}/comments", HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK),
            ($"/v1/posts/{_postId}/likes", HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK),
        };

        foreach (var (path, blocked, stranger, follower) in expectations)
        {
            Assert.True(blocked == (await _blocked.Http.GetAsync(path)).StatusCode, $"blocked viewer on {path}");
            Assert.True(stranger == (await _stranger.Http.GetAsync(path)).StatusCode, $"non-follower on {path}");
            Assert.True(follower == (await _follower.Http.GetAsync(path)).StatusCode, $"approved follower on {path}");
        }

        var header = await _stranger.GetJsonAsync($"/v1/users/{_owner.Username}");
        Assert.True(header!["isPrivate"]!.GetValue<bool>());
        Assert.Equal(1, header["postCount"]!.GetValue<long>());
        Assert.Single((await _follower.GetJsonAsync($"/v1/users/{_owner.Id}/posts"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task OnlyTheApprovedFollowerSeesThePostInTheFeed()
    {
        await Eventually.TrueAsync(async () => (await _follower.FeedPostIdsAsync()).Contains(_postId), "post in the follower's feed");
        Assert.DoesNotContain(_postId, await _stranger.FeedPostIdsAsync());
        Assert.DoesNotContain(_postId, await _blocked.FeedPostIdsAsync());
    }

    [Theory]
    [InlineData(Viewer.Blocked, HttpStatusCode.NotFound)]
    [InlineData(Viewer.Stranger, HttpStatusCode.NotFound)]
    [InlineData(Viewer.Follower, HttpStatusCode.OK)]
    public async Task OnlyViewersWhoMaySeeThePostCanLikeIt(Viewer viewer, HttpStatusCode expected) =>
        Assert.Equal(expected, (await Client(viewer).Http.PostAsync($"/v1/posts/{_postId}/like", null)).StatusCode);

    [Theory]
    [InlineData(Viewer.Blocked, HttpStatusCode.NotFound)]
    [InlineData(Viewer.Stranger, HttpStatusCode.NotFound)]
    [InlineData(Viewer.Follower, HttpStatusCode.Created)]
    public async Task OnlyViewersWhoMaySeeThePostCanCommentOnIt(Viewer viewer, HttpStatusCode expected) =>
        Assert.Equal(expected, (await Client(viewer).Http.PostAsJsonAsync($"/v1/posts/{_postId}/comments", new { text = "hi" })).StatusCode);

    [Fact]
    public async Task ABlockedUserCannotFollowAndLooksUnknown()
    {
        await ProblemAssert.IsProblemAsync(await _blocked.Http.PostAsync($"/v1/users/{_owner.Id}/follow", null), HttpStatusCode.NotFound);
        Assert.DoesNotContain(_blocked.Username, (await _owner.GetJsonAsync($"/v1/users/{_owner.Id}/followers"))!["items"]!.AsArray()
            .Select(u => u!["username"]!.GetValue<string>()));
    }

    [Fact]
    public async Task MediaUrlsReachOnlyViewersWhoMaySeeTheMedia()
    {
        var anonymous = factory.CreateClient();
        await Eventually.TrueAsync(async () => (await _follower.FeedPostIdsAsync()).Contains(_postId), "post in the follower's feed");
        var post = await _follower.GetJsonAsync($"/v1/posts/{_postId}");
        Assert.Equal(_postMediaUrl, post!["media"]![0]!["variants"]!["full"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(_postMediaUrl)).StatusCode);
        Assert.Contains(_storyMediaUrl, await _follower.Http.GetStringAsync("/v1/stories/feed"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(_storyMediaUrl)).StatusCode);

        var postToken = MediaUrlTests.TokenOf(_postMediaUrl);
        var storyToken = MediaUrlTests.TokenOf(_storyMediaUrl);
        Assert.True(MediaUrlToken.IsWellFormed(postToken) && MediaUrlToken.IsWellFormed(storyToken), $"{_postMediaUrl}, {_storyMediaUrl}");
        foreach (var viewer in new[] { _stranger, _blocked })
        {
            foreach (var path in ReadPaths())
            {
                var body = await (await viewer.Http.GetAsync(path)).Content.ReadAsStringAsync();
                Assert.DoesNotContain(postToken, body, StringComparison.Ordinal);
                Assert.DoesNotContain(storyToken, body, StringComparison.Ordinal);
            }

            // Knowing the ids is not enough: the guessable, token-less URLs name nothing.
            foreach (var url in new[] { _postMediaUrl, _storyMediaUrl })
            {
                var guessed = $"/media/{url.Split('/')[2]}/full.webp";
                await ProblemAssert.IsProblemAsync(await viewer.Http.GetAsync(guessed), HttpStatusCode.NotFound);
            }
        }
    }

    private IEnumerable<string> ReadPaths() =>
    [
        $"/v1/users/{_owner.Username}",
        $"/v1/users/{_owner.Id}/posts",
        $"/v1/posts/{_postId}",
        $"/v1/posts/{_postId}/comments",
        $"/v1/posts/{_postId}/likes",
        "/v1/feed",
        "/v1/explore",
        "/v1/search/posts?q=moment",
        $"/v1/search/posts?q=%23{Hashtag}",
        $"/v1/hashtags/{Hashtag}/posts",
        "/v1/stories/feed",
    ];

    private ApiClient Client(Viewer viewer) => viewer switch
    {
        Viewer.Blocked => _blocked,
        Viewer.Stranger => _stranger,
        _ => _follower,
    };

    [Fact]
    public async Task ChangingOrAskingAboutHiddenThingsAnswersNotFoundNotForbidden()
    {
        // Only someone who may see the post or story learns that it exists (403); everyone else gets 404.
        var attempts = new (Func<ApiClient, Task<HttpResponseMessage>> Call, string What)[]
        {
            (c => c.Http.DeleteAsync($"/v1/posts/{_postId}"), "delete the post"),
            (c => c.Http.GetAsync($"/v1/stories/{_storyId}/viewers"), "list the story's viewers"),
            (c => c.Http.DeleteAsync($"/v1/stories/{_storyId}"), "delete the story"),
        };
        foreach (var (call, what) in attempts)
        {
            Assert.True(HttpStatusCode.NotFound == (await call(_stranger)).StatusCode, $"non-follower may not tell: {what}");
            Assert.True(HttpStatusCode.NotFound == (await call(_blocked)).StatusCode, $"blocked user may not tell: {what}");
            Assert.True(HttpStatusCode.Forbidden == (await call(_follower)).StatusCode, $"follower sees it, so 403: {what}");
        }

        // Media not yet posted belongs to its owner alone.
        foreach (var viewer in new[] { _stranger, _follower })
        {
            await ProblemAssert.IsProblemAsync(await viewer.Http.GetAsync($"/v1/media/{_unusedMediaId}"), HttpStatusCode.NotFound);
        }

        Assert.Equal(HttpStatusCode.OK, (await _owner.Http.GetAsync($"/v1/posts/{_postId}")).StatusCode); // and nothing was deleted
    }
}
