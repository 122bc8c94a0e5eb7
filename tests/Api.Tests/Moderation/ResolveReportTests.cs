using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

[Collection(ApiCollection.Name)]
public sealed class ResolveReportTests(ApiFactory factory)
{
    [Fact]
    public async Task DismissClosesTheItemKeepsTheTargetAndIsAudited()
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var reporter = await ApiClient.RegisterAsync(factory, "reporter");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        var post = await author.PublishAsync();
        var id = await reporter.ReportAsync("post", post, "looks fake");

        var resolved = await admin.ResolveAsync(id, "dismiss", "not fake: checked the account");
        Assert.Equal("resolved", resolved["status"]!.GetValue<string>());
        var resolution = resolved["resolution"]!;
        Assert.Equal("dismiss", resolution["action"]!.GetValue<string>());
        Assert.Equal(admin.Id, resolution["by"]!.GetValue<string>());
        Assert.Equal("not fake: checked the account", resolution["note"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - resolution["at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.OK, (await reporter.Http.GetAsync($"/v1/posts/{post}")).StatusCode);
        Assert.Null(await admin.QueueItemAsync(id));
        Assert.Equal("dismiss", (await admin.QueueItemAsync(id, "resolved"))!["resolution"]!["action"]!.GetValue<string>());

        var entry = (await admin.ListAllAsync("/v1/admin/actions")).Single(a => a["reportId"]?.GetValue<string>() == id);
        Assert.Equal(("dismiss", "post", post, admin.Id, "not fake: checked the account"), (entry["action"]!.GetValue<string>(),
            entry["targetType"]!.GetValue<string>(), entry["targetId"]!.GetValue<string>(), entry["by"]!.GetValue<string>(), entry["note"]!.GetValue<string>()));

        // Resolving again is a conflict and adds nothing to the log; a new report opens a new item.
        await ProblemAssert.IsProblemAsync(await admin.TryResolveAsync(id, "remove"), HttpStatusCode.Conflict);
        Assert.Single(await admin.ListAllAsync("/v1/admin/actions"), a => a["reportId"]?.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.OK, (await reporter.Http.GetAsync($"/v1/posts/{post}")).StatusCode);
        Assert.NotEqual(id, await reporter.ReportAsync("post", post, "again"));
    }

    [Fact]
    public async Task BadResolutionsAreRefusedAndChangeNothing()
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var reporter = await ApiClient.RegisterAsync(factory, "reporter");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        var id = await reporter.ReportAsync("post", await author.PublishAsync());

        await ProblemAssert.IsProblemAsync(await admin.TryResolveAsync("987654321", "dismiss"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await admin.TryResolveAsync("not-an-id", "dismiss"), HttpStatusCode.BadRequest);
        foreach (var action in new[] { "ban", "lift", "" })
        {
            var problem = await ProblemAssert.IsProblemAsync(await admin.TryResolveAsync(id, action), HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["action"]);
        }

        await ProblemAssert.IsProblemAsync(await admin.TryResolveAsync(id, "dismiss", new string('n', 501)), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.Http.GetAsync("/v1/admin/reports?status=pending"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.Http.GetAsync("/v1/admin/reports?limit=0"), HttpStatusCode.BadRequest);

        Assert.Equal("open", (await admin.QueueItemAsync(id))!["status"]!.GetValue<string>());
        Assert.DoesNotContain(await admin.ListAllAsync("/v1/admin/actions"), a => a["reportId"]?.GetValue<string>() == id);
    }

    [Fact]
    public async Task RemovingACommentDeletesItAsItsAuthorWould()
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var troll = await ApiClient.RegisterAsync(factory, "troll");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        var post = await author.PublishAsync();
        var comment = (await troll.CommentAsync(post, "you are awful"))["id"]!.GetValue<string>();
        var kept = (await troll.CommentAsync(post, "nice photo though"))["id"]!.GetValue<string>();

        await admin.ResolveAsync(await author.ReportAsync("comment", comment, "harassment"), "remove", "harassment");

        var ids = (await author.GetJsonAsync($"/v1/posts/{post}/comments"))!["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([kept], ids);
        await Eventually.TrueAsync(async () => (await author.GetJsonAsync($"/v1/posts/{post}"))!["commentCount"]!.GetValue<long>() == 1, "comment count");
        await ProblemAssert.IsProblemAsync(await troll.Http.DeleteAsync($"/v1/posts/{post}/comments/{comment}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RemovingAStoryDeletesItAsItsAuthorWould()
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var follower = await ApiClient.RegisterAsync(factory, "follower");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        await follower.FollowAsync(author);
        var story = await ReportsApiTests.StoryAsync(author);
        Assert.Contains(story, await follower.Http.GetStringAsync("/v1/stories/feed"), StringComparison.Ordinal);

        await admin.ResolveAsync(await follower.ReportAsync("story", story, "violent"), "remove");

        Assert.DoesNotContain(story, await follower.Http.GetStringAsync("/v1/stories/feed"), StringComparison.Ordinal);
        Assert.DoesNotContain(story, await author.Http.GetStringAsync("/v1/stories/feed"), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await follower.Http.PostAsync($"/v1/stories/{story}/view", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await author.Http.DeleteAsync($"/v1/stories/{story}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RemovingAUserSuspendsThem()
    {
        var user = await ApiClient.RegisterAsync(factory, "spammer");
        var reporter = await ApiClient.RegisterAsync(factory, "reporter");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());

        var resolved = await admin.ResolveAsync(await reporter.ReportAsync("user", user.Id, "bot"), "remove", "bot account");

        Assert.Equal("remove", resolved["resolution"]!["action"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await reporter.Http.GetAsync($"/v1/users/{user.Username}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Moderation.LoginAsync(factory.CreateClient(), user.Username), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await admin.Http.PostAsJsonAsync($"/v1/admin/users/{user.Id}/suspend", new { }), HttpStatusCode.Conflict);
    }
}
