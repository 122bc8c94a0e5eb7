using System.Net;
using System.Net.Http.Json;
using System.Text;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

[Collection(ApiCollection.Name)]
public sealed class ReportsApiTests(ApiFactory factory)
{
    [Fact]
    public async Task ReportsOfOneTargetAreOneQueueItemAndARepeatCountsOnce()
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var first = await ApiClient.RegisterAsync(factory, "reporter");
        var second = await ApiClient.RegisterAsync(factory, "reporter");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        var post = await author.PublishAsync("buy followers now");

        var id = await first.ReportAsync("post", post, "spam");
        Assert.Equal(id, await second.ReportAsync("post", post, "scam"));
        Assert.Equal(id, await first.ReportAsync("post", post, "still spam")); // the same open report: not counted again

        var item = await admin.QueueItemAsync(id);
        Assert.NotNull(item);
        Assert.Equal("post", item["targetType"]!.GetValue<string>());
        Assert.Equal(post, item["targetId"]!.GetValue<string>());
        Assert.Equal(2, item["reportCount"]!.GetValue<long>());
        Assert.Equal(["spam", "scam"], item["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("open", item["status"]!.GetValue<string>());
        Assert.Null(item["resolution"]);
    }

    [Fact]
    public async Task TheOpenQueueListsTheOldestItemFirst()
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var reporter = await ApiClient.RegisterAsync(factory, "reporter");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        var older = await reporter.ReportAsync("user", author.Id, "impersonation");
        var newer = await reporter.ReportAsync("post", await author.PublishAsync(), "spam");

        var ids = (await admin.ListAllAsync("/v1/admin/reports?status=open")).Select(i => i["id"]!.GetValue<string>()).ToList();
        Assert.True(ids.IndexOf(older) >= 0 && ids.IndexOf(older) < ids.IndexOf(newer), $"{older} before {newer} in {string.Join(",", ids)}");
    }

    [Fact]
    public async Task CommentsUsersAndStoriesCanBeReported()
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var reporter = await ApiClient.RegisterAsync(factory, "reporter");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        var post = await author.PublishAsync();
        var comment = (await author.CommentAsync(post, "rude words"))["id"]!.GetValue<string>();
        var story = await StoryAsync(author);
        await reporter.FollowAsync(author);

        foreach (var (type, id) in new[] { ("comment", comment), ("user", author.Id), ("story", story) })
        {
            var item = await admin.QueueItemAsync(await reporter.ReportAsync(type, id, "abuse"));
            Assert.Equal(type, item!["targetType"]!.GetValue<string>());
            Assert.Equal(id, item["targetId"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task WhatTheReporterCannotSeeIsNotFound()
    {
        var owner = await ApiClient.RegisterAsync(factory, "private");
        var stranger = await ApiClient.RegisterAsync(factory, "stranger");
        var blocker = await ApiClient.RegisterAsync(factory, "blocker");
        var post = await owner.PublishAsync();
        var story = await StoryAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.PatchAsJsonAsync("/v1/users/me", new { isPrivate = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await blocker.Http.PostAsync($"/v1/users/{stranger.Id}/block", null)).StatusCode);

        await ProblemAssert.IsProblemAsync(await stranger.TryReportAsync("post", post), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.TryReportAsync("story", story), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.TryReportAsync("user", blocker.Id), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.TryReportAsync("post", "1234567"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.TryReportAsync("comment", "1234567"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReportingYourselfOrYourOwnContentIsUnprocessable()
    {
        var user = await ApiClient.RegisterAsync(factory, "self");
        var post = await user.PublishAsync();

        await ProblemAssert.IsProblemAsync(await user.TryReportAsync("user", user.Id), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await user.TryReportAsync("post", post), HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("""{"targetType":"photo","targetId":"{post}","reason":"spam"}""", "targetType")]
    [InlineData("""{"targetId":"{post}","reason":"spam"}""", "targetType")]
    [InlineData("""{"targetType":"post","targetId":"{post}"}""", "reason")]
    [InlineData("""{"targetType":"post","targetId":"{post}","reason":"   "}""", "reason")]
    [InlineData("""{"targetType":"post","targetId":"{post}","reason":"{long}"}""", "reason")]
    [InlineData("""{"targetType":"post","targetId":"abc","reason":"spam"}""", "targetId")]
    public async Task BadInputIsABadRequestAndFilesNothing(string body, string field)
    {
        var author = await ApiClient.RegisterAsync(factory, "author");
        var reporter = await ApiClient.RegisterAsync(factory, "reporter");
        var post = await author.PublishAsync();
        var json = body.Replace("{post}", post, StringComparison.Ordinal).Replace("{long}", new string('x', 501), StringComparison.Ordinal);

        var problem = await ProblemAssert.IsProblemAsync(
            await reporter.Http.PostAsync("/v1/reports", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains(field, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing was filed: the next report, by someone else, opens the item, and it counts one reporter.
        var other = await ApiClient.RegisterAsync(factory, "reporter");
        var admin = await Moderation.SignInAdminAsync(factory.CreateClient());
        var item = await admin.QueueItemAsync(await other.ReportAsync("post", post));
        Assert.Equal(1, item!["reportCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task ReportingNeedsASignedInCaller() =>
        await ProblemAssert.IsProblemAsync(
            await factory.CreateClient().PostAsJsonAsync("/v1/reports", new { targetType = "post", targetId = "1", reason = "spam" }), HttpStatusCode.Unauthorized);

    internal static async Task<string> StoryAsync(ApiClient author)
    {
        using var response = await author.Http.PostAsJsonAsync("/v1/stories", new { mediaId = await author.UploadAsync() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["storyId"]!.GetValue<string>();
    }
}
