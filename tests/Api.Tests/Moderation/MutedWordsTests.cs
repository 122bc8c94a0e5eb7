using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Api.Tests.Reels;

namespace Instagram.Api.Tests.Moderation;

[Collection(ApiCollection.Name)]
public sealed class MutedWordsTests(ApiFactory factory)
{
    private static readonly string[] Muted = ["Cat", "#Spoiler", "red  wine"];

    [Fact]
    public async Task WordsAreNormalisedAndDuplicatesCollapse()
    {
        var user = await ApiClient.RegisterAsync(factory);
        Assert.Empty(await WordsAsync(user));
        var saved = await PutAsync(user, [" Cat ", "cat", "CAT", "#Spoiler", "red  wine", "Ünïcode"]);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(["cat", "#spoiler", "red wine", "ünïcode"], (await saved.Content.ReadFromJsonAsync<JsonObject>())!["words"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Equal(["cat", "#spoiler", "red wine", "ünïcode"], await WordsAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(user, [.. Enumerable.Range(0, 200).Select(i => $"word{i}")])).StatusCode);
        Assert.Equal(200, (await WordsAsync(user)).Count);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(user, [])).StatusCode);
        Assert.Empty(await WordsAsync(user));
    }

    [Fact]
    public async Task ABadListIsRefusedWholeAndChangesNothing()
    {
        var user = await ApiClient.RegisterAsync(factory);
        await PutAsync(user, ["keep"]);
        string?[][] bad =
        [
            [.. Enumerable.Range(0, 201).Select(i => $"word{i}")],
            ["fine", new string('x', 51)],
            ["fine", "   "],
            ["fine", ""],
            ["#"],
            ["#two words"],
            ["!!!"],
            ["fine", null],
            ["bell\u0007"],
        ];
        foreach (var words in bad)
        {
            await ProblemAssert.IsProblemAsync(await PutAsync(user, words), HttpStatusCode.BadRequest);
        }

        await ProblemAssert.IsProblemAsync(await user.Http.PutAsJsonAsync("/v1/users/me/muted-words", new { }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await user.Http.PutAsJsonAsync("/v1/users/me/muted-words", new { words = "cat" }), HttpStatusCode.BadRequest);
        Assert.Equal(["keep"], await WordsAsync(user));
    }

    [Fact]
    public async Task MutedPostsLeaveTheFeedAndTheHashtagPageButNotTheAuthorsOwnViews()
    {
        var tag = "mw" + Guid.NewGuid().ToString("N")[..10];
        var author = await ApiClient.RegisterAsync(factory);
        var muter = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        await muter.FollowAsync(author);
        await other.FollowAsync(author);
        var posts = await PublishSamplesAsync([author], tag);
        await PutAsync(muter, Muted);

        // Newest first, one item a page: the cursor walks past every hidden post and ends.
        await Eventually.TrueAsync(async () => (await other.FeedPostIdsAsync()).Intersect(posts.All).Count() == posts.All.Length, "all posts in the feed");
        // The hashtag index is fed by the post events, apart from the feeds: wait for it too before comparing pages.
        await Eventually.TrueAsync(async () => (await other.WalkIdsAsync($"/v1/hashtags/{tag}/posts?limit=100")).Count == posts.All.Length, "all posts on the hashtag page");
        Assert.Equal(posts.VisibleNewestFirst, (await muter.WalkIdsAsync("/v1/feed?limit=1")).Intersect(posts.All));
        Assert.Equal(posts.VisibleNewestFirst, Samples.NewestFirst((await muter.WalkIdsAsync("/v1/feed?limit=2&order=ranked")).Intersect(posts.All)));
        Assert.Equal(posts.VisibleNewestFirst, await muter.WalkIdsAsync($"/v1/hashtags/{tag}/posts?limit=1"));

        // Other viewers, the grid, the post's own page and the author (muting the same words) are not filtered.
        Assert.Equal(posts.AllNewestFirst, (await other.WalkIdsAsync("/v1/feed?limit=100")).Intersect(posts.All));
        Assert.Equal(posts.AllNewestFirst, await other.WalkIdsAsync($"/v1/hashtags/{tag}/posts?limit=100"));
        Assert.Equal(posts.AllNewestFirst, await muter.WalkIdsAsync($"/v1/users/{author.Id}/posts?limit=100"));
        foreach (var id in posts.Hidden)
        {
            Assert.NotNull(await muter.GetJsonAsync($"/v1/posts/{id}"));
        }

        await PutAsync(author, Muted);
        Assert.Equal(posts.AllNewestFirst, await author.WalkIdsAsync($"/v1/hashtags/{tag}/posts?limit=100"));

        // Unmuting brings them back.
        await PutAsync(muter, []);
        Assert.Equal(posts.AllNewestFirst, (await muter.WalkIdsAsync("/v1/feed?limit=100")).Intersect(posts.All));
    }

    [Fact]
    public async Task MutedPostsLeaveExploreAndReels()
    {
        // One author a post: explore shows at most two posts of one author on a page.
        var authors = new List<ApiClient>();
        for (var i = 0; i < 6; i++)
        {
            authors.Add(await ApiClient.RegisterAsync(factory));
        }

        var author = authors[0];
        var muter = await ApiClient.RegisterAsync(factory);
        var posts = await PublishSamplesAsync(authors, "mw" + Guid.NewGuid().ToString("N")[..10]);
        var mutedReel = await TestReels.PublishAsync(factory, author, "my cat dances");
        var visibleReel = await TestReels.PublishAsync(factory, author, "category dances");
        await PutAsync(muter, Muted);

        await Eventually.TrueAsync(async () => (await muter.WalkIdsAsync("/v1/explore?limit=100")).Intersect(posts.All).Count() == posts.Visible.Length,
            "the visible posts recommended on explore");
        Assert.Empty((await muter.WalkIdsAsync("/v1/explore?limit=100")).Intersect(posts.Hidden));

        await Eventually.TrueAsync(async () => (await muter.WalkIdsAsync("/v1/reels?limit=100")).Contains(visibleReel), "the visible reel recommended");
        Assert.DoesNotContain(mutedReel, await muter.WalkIdsAsync("/v1/reels?limit=100"));
        Assert.Contains(mutedReel, await author.WalkIdsAsync($"/v1/users/{author.Id}/posts?limit=100"));
    }

    [Fact]
    public async Task MutedCommentsLeaveTheCommentListOfTheMuterOnly()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var commenter = await ApiClient.RegisterAsync(factory);
        var muter = await ApiClient.RegisterAsync(factory);
        var post = await author.PublishAsync("a post to discuss");
        var ids = new Dictionary<string, string>();
        foreach (var text in new[] { "My CAT agrees", "category error", "#spoiler it ends well", "a spoiler-free take", "Red wine, please" })
        {
            ids[text] = (await commenter.CommentAsync(post, text))["id"]!.GetValue<string>();
        }

        await PutAsync(muter, Muted);
        Assert.Equal([ids["category error"], ids["a spoiler-free take"]], await muter.WalkIdsAsync($"/v1/posts/{post}/comments?limit=1"));
        Assert.Equal(ids.Values, await author.WalkIdsAsync($"/v1/posts/{post}/comments?limit=100"));
        await PutAsync(commenter, Muted);
        Assert.Equal(ids.Values, await commenter.WalkIdsAsync($"/v1/posts/{post}/comments?limit=100"));
    }

    private sealed record Samples(string[] Visible, string[] Hidden)
    {
        public string[] All => [.. Visible.Concat(Hidden)];

        public string[] AllNewestFirst => NewestFirst(All);

        public string[] VisibleNewestFirst => NewestFirst(Visible);

        public static string[] NewestFirst(IEnumerable<string> ids) => [.. ids.OrderByDescending(id => long.Parse(id, CultureInfo.InvariantCulture))];
    }

    // Hidden for Muted: the word in another case, the word as a hashtag, the muted hashtag, the phrase. Visible: a
    // longer word that starts with it, and the hashtag's word without the '#'.
    private static async Task<Samples> PublishSamplesAsync(IReadOnlyList<ApiClient> authors, string tag)
    {
        var visible = new List<string>();
        var hidden = new List<string>();
        foreach (var (caption, hides, i) in new[]
        {
            ($"my CAT sleeps #{tag}", true, 0), ($"category theory #{tag}", false, 1), ($"look #cat #{tag}", true, 2),
            ($"finale tonight #spoiler #{tag}", true, 3), ($"spoiler free review #{tag}", false, 4), ($"Red Wine evening #{tag}", true, 5),
        })
        {
            (hides ? hidden : visible).Add(await authors[i % authors.Count].PublishAsync(caption));
        }

        return new Samples([.. visible], [.. hidden]);
    }

    private static Task<HttpResponseMessage> PutAsync(ApiClient user, string?[] words) =>
        user.Http.PutAsJsonAsync("/v1/users/me/muted-words", new { words });

    private static async Task<List<string>> WordsAsync(ApiClient user) =>
        [.. (await user.GetJsonAsync("/v1/users/me/muted-words"))!["words"]!.AsArray().Select(w => w!.GetValue<string>())];
}
