using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Posts;

[Collection(ApiCollection.Name)]
public sealed class PostsApiTests(ApiFactory factory)
{
    [Fact]
    public async Task PostValidationRejectsBadInputAndWritesNothing()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        var mine = await user.UploadAsync();
        var theirs = await other.UploadAsync();

        await ProblemAssert.IsProblemAsync(await Post(user, [], "x"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Post(user, [.. Enumerable.Repeat(mine, 11)], "x"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Post(user, [mine], new string('x', 2201)), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Post(user, ["abc"], "x"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Post(user, [theirs], "x"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Post(user, ["987654321"], "x"), HttpStatusCode.NotFound);
        var badLocation = await user.Http.PostAsJsonAsync("/v1/posts", new { mediaIds = new[] { mine }, location = new { name = "Nowhere", lat = 123.0, lng = 0.0 } });
        await ProblemAssert.IsProblemAsync(badLocation, HttpStatusCode.BadRequest);

        var grid = await user.GetJsonAsync($"/v1/users/{user.Id}/posts");
        Assert.Empty(grid!["items"]!.AsArray());
        Assert.Equal(0, (await user.GetJsonAsync("/v1/users/me"))!["postCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task OnlyTheAuthorDeletesAndTheTombstoneHidesThePostEverywhere()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var follower = await ApiClient.RegisterAsync(factory);
        await follower.FollowAsync(author);
        var postId = await author.PublishAsync();
        await Eventually.TrueAsync(async () => (await follower.FeedPostIdsAsync()).Contains(postId), "post in feed");

        await ProblemAssert.IsProblemAsync(await follower.Http.DeleteAsync($"/v1/posts/{postId}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await author.Http.DeleteAsync($"/v1/posts/{postId}")).StatusCode);

        await ProblemAssert.IsProblemAsync(await follower.Http.GetAsync($"/v1/posts/{postId}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(postId, await follower.FeedPostIdsAsync());
        Assert.Empty((await follower.GetJsonAsync($"/v1/users/{author.Id}/posts"))!["items"]!.AsArray());
        await ProblemAssert.IsProblemAsync(await author.Http.GetAsync("/v1/posts/123"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await author.Http.GetAsync("/v1/posts/x1"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeletingAPostDeletesItsImagesSoTheirUrlsAnswer404()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var postId = await author.PublishAsync();
        var media = (await author.GetJsonAsync($"/v1/posts/{postId}"))!["media"]![0]!;
        var mediaId = media["id"]!.GetValue<string>();
        var urls = media["variants"]!.AsObject().Select(v => v.Value!.GetValue<string>()).Distinct().ToArray();
        var anonymous = factory.CreateClient();
        Assert.All(await Task.WhenAll(urls.Select(anonymous.GetAsync)), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        Assert.Equal(HttpStatusCode.NoContent, (await author.Http.DeleteAsync($"/v1/posts/{postId}")).StatusCode);

        // Served as immutable, so only deleting the bytes takes them back from anyone who kept the URL.
        await Eventually.TrueAsync(async () => (await Task.WhenAll(urls.Select(anonymous.GetAsync))).All(r => r.StatusCode == HttpStatusCode.NotFound), "variants gone");
        Assert.False(File.Exists(Path.Combine(factory.MediaPath, mediaId, "original")));
        await ProblemAssert.IsProblemAsync(await author.Http.GetAsync($"/v1/media/{mediaId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheProfileGridPagesNewestFirst()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await author.PublishAsync($"post {i}"));
        }

        var first = await author.GetJsonAsync($"/v1/users/{author.Id}/posts?limit=3");
        var cursor = first!["nextCursor"]!.GetValue<string>();
        var second = await author.GetJsonAsync($"/v1/users/{author.Id}/posts?limit=3&cursor={cursor}");
        var listed = first["items"]!.AsArray().Concat(second!["items"]!.AsArray()).Select(p => p!["id"]!.GetValue<string>());
        Assert.Equal(Enumerable.Reverse(ids), listed);
        Assert.Null(second["nextCursor"]);
    }

    [Fact]
    public async Task ARetriedCreateWithTheSameIdempotencyKeyMakesOnePost()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var mediaId = await user.UploadAsync();
        var ids = new List<string>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/posts") { Content = JsonContent.Create(new { mediaIds = new[] { mediaId } }) };
            request.Headers.Add("Idempotency-Key", "retry-me");
            var response = await user.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["postId"]!.GetValue<string>());
        }

        Assert.Equal(ids[0], ids[1]);
        await Eventually.TrueAsync(async () => (await user.GetJsonAsync("/v1/users/me"))!["postCount"]!.GetValue<long>() == 1, "published");
        await Task.Delay(200);
        Assert.Single((await user.GetJsonAsync($"/v1/users/{user.Id}/posts"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task AnIdempotencyKeyReusedForADifferentPostIsRefused()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var mediaId = await user.UploadAsync();
        var first = await PostWithKeyAsync(user, mediaId, "the first caption", "same-key");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        // Same key, other body: the client made a mistake; answering with the first post would hide it.
        await ProblemAssert.IsProblemAsync(await PostWithKeyAsync(user, mediaId, "a different caption", "same-key"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.Accepted, (await PostWithKeyAsync(user, mediaId, "the first caption", "same-key")).StatusCode);
    }

    [Fact]
    public async Task ACursorWorksOnlyOnTheListThatIssuedIt()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        for (var i = 0; i < 3; i++)
        {
            await author.PublishAsync($"post {i}");
            await other.PublishAsync($"post {i}");
        }

        var cursor = (await author.GetJsonAsync($"/v1/users/{author.Id}/posts?limit=1"))!["nextCursor"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await author.Http.GetAsync($"/v1/users/{author.Id}/posts?limit=1&cursor={cursor}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await author.Http.GetAsync($"/v1/users/{other.Id}/posts?limit=1&cursor={cursor}"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await author.Http.GetAsync($"/v1/feed?cursor={cursor}"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await author.Http.GetAsync($"/v1/users/{author.Id}/followers?cursor={cursor}"), HttpStatusCode.BadRequest);
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(ApiClient user, string mediaId, string caption, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/posts") { Content = JsonContent.Create(new { mediaIds = new[] { mediaId }, caption }) };
        request.Headers.Add("Idempotency-Key", key);
        return user.Http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Post(ApiClient user, string[] mediaIds, string caption) =>
        user.Http.PostAsJsonAsync("/v1/posts", new { mediaIds, caption });
}
