using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Api.Tests.Moderation;

namespace Instagram.Api.Tests.Privacy;

/// <summary>
/// Every read path, before and after moderation: a post an admin removed is gone from all of them (the author's own
/// delete path), and a suspended account's profile, posts, comments, likes and stories are gone from all of them for
/// everyone else until the suspension is lifted, when all of it is back. Each path is first seen to show the thing,
/// so a path that never showed it cannot pass.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ModerationMatrixTests(ApiFactory factory)
{
    [Fact]
    public async Task ARemovedPostLeavesEveryReadPath()
    {
        var tag = "modremoved" + Guid.NewGuid().ToString("N")[..8];
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var author = await ApiClient.RegisterAsync(factory, "author");
        var follower = await ApiClient.RegisterAsync(factory, "follower");
        var stranger = await ApiClient.RegisterAsync(factory, "stranger");
        var admin = await Moderation.Moderation.SignInAdminAsync(factory.CreateClient());
        await follower.FollowAsync(author);
        var post = await author.PublishAsync($"{word} #{tag} with @{follower.Username}");
        await follower.LikeAsync(post);
        await follower.CommentAsync(post, "first!");

        var paths = new (ApiClient Viewer, string Path)[]
        {
            (follower, "/v1/feed?limit=100"),
            (stranger, $"/v1/users/{author.Id}/posts"),
            (stranger, $"/v1/hashtags/{tag}/posts"),
            (stranger, $"/v1/search/posts?q={word}"),
            (stranger, $"/v1/search/posts?hashtag={tag}"),
            (follower, "/v1/notifications?limit=100"),
            (author, "/v1/notifications?limit=100"),
        };
        await AllShowAsync(paths, post, true);
        await ExploreShowsAsync(stranger, post, true);
        foreach (var path in PostPaths(post))
        {
            Assert.Equal(HttpStatusCode.OK, (await stranger.Http.GetAsync(path)).StatusCode);
        }

        await admin.ResolveAsync(await stranger.ReportAsync("post", post, "spam"), "remove", "spam");

        await AllShowAsync(paths, post, false);
        await ExploreShowsAsync(stranger, post, false);
        foreach (var viewer in new[] { stranger, follower, author })
        {
            foreach (var path in PostPaths(post))
            {
                await ProblemAssert.IsProblemAsync(await viewer.Http.GetAsync(path), HttpStatusCode.NotFound);
            }
        }
    }

    [Fact]
    public async Task ASuspendedAccountVanishesFromEveryReadPathUntilLifted()
    {
        var tag = "modsuspend" + Guid.NewGuid().ToString("N")[..8];
        var suspect = await ApiClient.RegisterAsync(factory, "suspect");
        var friend = await ApiClient.RegisterAsync(factory, "friend");
        var viewer = await ApiClient.RegisterAsync(factory, "viewer");
        var admin = await Moderation.Moderation.SignInAdminAsync(factory.CreateClient());
        await viewer.FollowAsync(suspect);
        await viewer.FollowAsync(friend);
        await suspect.FollowAsync(friend);
        var post = await suspect.PublishAsync($"look #{tag}");
        var friendPost = await friend.PublishAsync("a friend's post");
        var comment = (await suspect.CommentAsync(friendPost, "suspect was here"))["id"]!.GetValue<string>();
        await suspect.LikeAsync(friendPost);
        await viewer.LikeAsync(post); // engagement ranks it on explore's first pages
        var story = await ReportsApiTests.StoryAsync(suspect);

        var shows = new (string Path, string What)[]
        {
            ("/v1/feed?limit=100", post),
            ($"/v1/users/{suspect.Id}/posts", post),
            ($"/v1/hashtags/{tag}/posts", post),
            ($"/v1/search/posts?hashtag={tag}", post),
            ($"/v1/search/users?q={suspect.Username}", suspect.Id),
            ($"/v1/posts/{friendPost}/comments", comment),
            ($"/v1/posts/{friendPost}/likes", suspect.Id),
            ($"/v1/users/{friend.Id}/followers", suspect.Id),
            ($"/v1/users/{viewer.Id}/following", suspect.Id),
            ("/v1/stories/feed", story),
        };
        var gone = new[]
        {
            $"/v1/users/{suspect.Username}",
            $"/v1/users/{suspect.Id}/posts",
            $"/v1/users/{suspect.Id}/followers",
            $"/v1/users/{suspect.Id}/following",
            $"/v1/posts/{post}",
            $"/v1/posts/{post}/comments",
            $"/v1/posts/{post}/likes",
        };
        var friendsNotifications = ("/v1/notifications?limit=100", suspect.Id);

        await ShowAsync(viewer, shows, true);
        await ShowAsync(friend, [friendsNotifications], true);
        await ExploreShowsAsync(friend, post, true);
        foreach (var path in gone)
        {
            Assert.Equal(HttpStatusCode.OK, (await viewer.Http.GetAsync(path)).StatusCode);
        }

        await SuspensionTests.SuspendAsync(admin, suspect.Id, "ban evasion");

        await ShowAsync(viewer, [.. shows.Where(s => !s.Path.StartsWith($"/v1/users/{suspect.Id}", StringComparison.Ordinal))], false);
        await ShowAsync(friend, [friendsNotifications], false);
        await ExploreShowsAsync(friend, post, false);
        foreach (var path in gone)
        {
            await ProblemAssert.IsProblemAsync(await viewer.Http.GetAsync(path), HttpStatusCode.NotFound);
        }

        await ProblemAssert.IsProblemAsync(await viewer.Http.PostAsync($"/v1/stories/{story}/view", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await viewer.TryReportAsync("user", suspect.Id), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.DeleteAsync($"/v1/admin/users/{suspect.Id}/suspend")).StatusCode);

        await ShowAsync(viewer, shows, true);
        await ShowAsync(friend, [friendsNotifications], true);
        foreach (var path in gone)
        {
            Assert.Equal(HttpStatusCode.OK, (await viewer.Http.GetAsync(path)).StatusCode);
        }
    }

    private static IEnumerable<string> PostPaths(string post) => [$"/v1/posts/{post}", $"/v1/posts/{post}/comments", $"/v1/posts/{post}/likes"];

    private static Task AllShowAsync(IEnumerable<(ApiClient Viewer, string Path)> paths, string what, bool shown) =>
        Task.WhenAll(paths.Select(p => ShowsAsync(p.Viewer, p.Path, what, shown)));

    private static Task ShowAsync(ApiClient viewer, IEnumerable<(string Path, string What)> paths, bool shown) =>
        Task.WhenAll(paths.Select(p => ShowsAsync(viewer, p.Path, p.What, shown)));

    // Fan-out, the search index and notifications follow a moment behind: each path is polled until it agrees.
    private static Task ShowsAsync(ApiClient viewer, string path, string what, bool shown) =>
        Eventually.TrueAsync(async () =>
        {
            var response = await viewer.Http.GetAsync(path);
            return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains($"\"{what}\"", StringComparison.Ordinal) == shown;
        }, $"{path} {(shown ? "shows" : "no longer shows")} {what} to {viewer.Username}");

    // Explore is a ranking of everything recent: the post may sit on any of its pages.
    private static Task ExploreShowsAsync(ApiClient viewer, string post, bool shown) =>
        Eventually.TrueAsync(async () =>
            (await Moderation.Moderation.ListAllAsync(viewer, "/v1/explore")).Any(p => p["id"]!.GetValue<string>() == post) == shown,
            $"explore {(shown ? "shows" : "no longer shows")} {post}");
}
