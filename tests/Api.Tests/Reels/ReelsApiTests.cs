using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Common;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;
using Instagram.Grains.Reels;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Reels;

[Collection(ApiCollection.Name)]
public sealed class ReelsApiTests(ApiFactory factory)
{
    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task AReelIsAPostOfKindReelOnTheGridAndInAFollowersFeed()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var follower = await ApiClient.RegisterAsync(factory);
        await follower.FollowAsync(author);

        var response = await author.Http.PostAsJsonAsync("/v1/reels", new { mediaId = await VideoAsync(author), caption = "first reel #dance" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("processing", body!["status"]!.GetValue<string>());
        var reelId = body["postId"]!.GetValue<string>();

        await Eventually.TrueAsync(async () => (await author.GetJsonAsync($"/v1/posts/{reelId}"))?["status"]?.GetValue<string>() == "published", "reel published");
        var reel = await author.GetJsonAsync($"/v1/posts/{reelId}");
        Assert.Equal("reel", reel!["kind"]!.GetValue<string>());
        Assert.Equal("video", reel["media"]![0]!["type"]!.GetValue<string>());
        var grid = (await author.GetJsonAsync($"/v1/users/{author.Id}/posts"))!["items"]!.AsArray();
        Assert.Contains(grid, p => p!["id"]!.GetValue<string>() == reelId && p["kind"]!.GetValue<string>() == "reel");
        await Eventually.TrueAsync(async () => (await follower.FeedPostIdsAsync()).Contains(reelId), "reel in the follower's feed");

        var post = await author.PublishAsync("a photo");
        Assert.Equal("post", (await author.GetJsonAsync($"/v1/posts/{post}"))!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task AReelMustBeOneVerticalVideoOfAtMostNinetySeconds()
    {
        var author = await ApiClient.RegisterAsync(factory);
        await AssertRefusedAsync(author, await MediaAsync(author, "image/png", 1080, 1350, 0), "video");
        var landscape = await VideoAsync(author, width: 1920, height: 1080);
        await AssertRefusedAsync(author, landscape, "vertical");
        await AssertRefusedAsync(author, await VideoAsync(author, durationMs: 100_000), "90 s");

        var twoVideos = new NewPost(long.Parse(author.Id, CultureInfo.InvariantCulture), "", [long.Parse(await VideoAsync(author), CultureInfo.InvariantCulture),
            long.Parse(await VideoAsync(author), CultureInfo.InvariantCulture)], null, PostKind.Reel);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IPostGrain>(factory.Services.GetRequiredService<IdGenerator>().NextId()).CreateAsync(twoVideos));
        Assert.Equal(DomainErrorKind.Unprocessable, refused.Kind);

        // A refused reel leaves its video free for another use.
        var post = await author.Http.PostAsJsonAsync("/v1/posts", new { mediaIds = new[] { landscape } });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
    }

    [Fact]
    public async Task RecommendationsLeaveOutPrivateAndBlockedAuthorsEitherWay()
    {
        var viewer = await ApiClient.RegisterAsync(factory);
        var open = await ApiClient.RegisterAsync(factory);
        var turnsPrivate = await ApiClient.RegisterAsync(factory);
        var blocksViewer = await ApiClient.RegisterAsync(factory);
        var blockedByViewer = await ApiClient.RegisterAsync(factory);
        await viewer.FollowAsync(turnsPrivate);

        var visible = await PublishReelAsync(open);
        var hidden = new[]
        {
            await PublishReelAsync(turnsPrivate), await PublishReelAsync(blocksViewer), await PublishReelAsync(blockedByViewer),
        };
        // All four are recommended while their authors are public and nobody has blocked anyone.
        await Eventually.TrueAsync(async () => (await WalkAsync(viewer)).Intersect([visible, .. hidden]).Count() == 4, "every reel recommended");

        Assert.Equal(HttpStatusCode.OK, (await turnsPrivate.Http.PatchAsJsonAsync("/v1/users/me", new { isPrivate = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await blocksViewer.Http.PostAsync($"/v1/users/{viewer.Id}/block", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await viewer.Http.PostAsync($"/v1/users/{blockedByViewer.Id}/block", null)).StatusCode);

        var walk = await WalkAsync(viewer);
        Assert.Contains(visible, walk);
        Assert.DoesNotContain(walk, hidden.Contains);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Http.PostAsJsonAsync($"/v1/reels/{hidden[1]}/watch", new { watchedMs = 1000 })).StatusCode);
    }

    [Fact]
    public async Task ACursorWalkNeverRepeatsAReelAndEachItemNamesTheNextToPrefetch()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var viewer = await ApiClient.RegisterAsync(factory);
        var reels = await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => PublishReelAsync(author)));
        await Eventually.TrueAsync(async () => (await WalkAsync(viewer)).Intersect(reels).Count() == reels.Length, "the seven reels recommended");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await viewer.GetJsonAsync("/v1/reels?limit=3" + (cursor is null ? "" : $"&cursor={cursor}")))!;
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 3);
            for (var i = 0; i + 1 < items.Count; i++)
            {
                var prefetch = items[i]!["prefetch"]!.AsArray().Select(u => u!.GetValue<string>()).ToArray();
                Assert.Contains(items[i + 1]!["media"]![0]!["posterUrl"]!.GetValue<string>(), prefetch);
                Assert.Contains(items[i + 1]!["media"]![0]!["playback"]!["hls"]!.GetValue<string>(), prefetch);
            }

            seen.AddRange(items.Select(item => item!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(reels, reel => Assert.Contains(reel, seen));
    }

    [Fact]
    public async Task ALongWatchOfOneReelMovesItsAuthorsOtherReelUpForTheViewer()
    {
        var viewer = await ApiClient.RegisterAsync(factory);
        var liked = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        var watched = await PublishReelAsync(liked);
        var next = await PublishReelAsync(liked);
        var rival = await PublishReelAsync(other); // newer, so ahead of `next` while nothing tells them apart

        await Eventually.TrueAsync(async () => (await WalkAsync(viewer)).Intersect([watched, next, rival]).Count() == 3, "the three reels recommended");
        var before = await WalkAsync(viewer);
        Assert.True(before.IndexOf(rival) < before.IndexOf(next), "the newer reel leads before any watch");

        Assert.Equal(HttpStatusCode.NoContent, (await viewer.Http.PostAsJsonAsync($"/v1/reels/{watched}/watch", new { watchedMs = 11_000 })).StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            var after = await WalkAsync(viewer);
            return after.IndexOf(next) >= 0 && after.IndexOf(next) < after.IndexOf(rival);
        }, "the watched author's other reel ahead of the rival");

        // A new session leads with what the viewer has not watched.
        var session = await WalkAsync(viewer);
        Assert.True(session.IndexOf(watched) > session.IndexOf(next) && session.IndexOf(watched) > session.IndexOf(rival));
    }

    [Fact]
    public async Task TheLongestWatchCountsOnceAndAbsurdOrUnknownWatchesAreRefused()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var viewer = await ApiClient.RegisterAsync(factory);
        var reel = await PublishReelAsync(author);
        var stats = Grains.GetGrain<IReelStatsGrain>(0);

        async Task WatchAsync(int ms) =>
            Assert.Equal(HttpStatusCode.NoContent, (await viewer.Http.PostAsJsonAsync($"/v1/reels/{reel}/watch", new { watchedMs = ms })).StatusCode);
        async Task<long> TotalAsync() => (await stats.GetWatchTimeAsync([long.Parse(reel, CultureInfo.InvariantCulture)]))[0];

        await WatchAsync(8_000);
        await WatchAsync(3_000);
        await WatchAsync(8_000);
        await Eventually.TrueAsync(async () => await TotalAsync() == 8_000, "8 s counted");
        await WatchAsync(9_000);
        await WatchAsync(9_000);
        await Eventually.TrueAsync(async () => await TotalAsync() == 9_000, "the longer watch counted once");
        await Task.Delay(300); // two flush intervals: nothing more arrives
        Assert.Equal(9_000, await TotalAsync());

        await ProblemAssert.IsProblemAsync(await viewer.Http.PostAsJsonAsync($"/v1/reels/{reel}/watch", new { watchedMs = -1 }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await viewer.Http.PostAsJsonAsync($"/v1/reels/{reel}/watch", new { watchedMs = 60_000 }), HttpStatusCode.BadRequest);
        var photo = await author.PublishAsync("not a reel");
        await ProblemAssert.IsProblemAsync(await viewer.Http.PostAsJsonAsync($"/v1/reels/{photo}/watch", new { watchedMs = 1_000 }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await viewer.Http.PostAsJsonAsync("/v1/reels/1/watch", new { watchedMs = 1_000 }), HttpStatusCode.NotFound);
    }

    private static async Task AssertRefusedAsync(ApiClient author, string mediaId, string rule)
    {
        var problem = await ProblemAssert.IsProblemAsync(await author.Http.PostAsJsonAsync("/v1/reels", new { mediaId }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(rule, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private Task<string> PublishReelAsync(ApiClient author) => TestReels.PublishAsync(factory, author);

    private Task<string> VideoAsync(ApiClient owner, int width = 1080, int height = 1920, int durationMs = 12_000) =>
        TestReels.MediaAsync(factory, owner, "video/mp4", width, height, durationMs);

    private Task<string> MediaAsync(ApiClient owner, string contentType, int width, int height, int durationMs) =>
        TestReels.MediaAsync(factory, owner, contentType, width, height, durationMs);

    /// <summary>A new session, walked to its end: the reels in the order the viewer gets them.</summary>
    private static Task<List<string>> WalkAsync(ApiClient viewer) => viewer.WalkIdsAsync("/v1/reels?limit=100");
}
