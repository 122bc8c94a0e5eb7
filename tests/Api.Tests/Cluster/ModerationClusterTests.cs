using System.Net;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Api.Tests.Moderation;

namespace Instagram.Api.Tests.Cluster;

/// <summary>
/// Moderation on the Cluster profile: report items, the queues and the audit log are grain state in PostgreSQL, shared by
/// both Api instances, and a suspension's revoked tokens are in Redis, so every instance refuses them at once.
/// </summary>
[Trait("Category", "Services")]
[Collection(ClusterApiCollection.Name)]
public sealed class ModerationClusterTests(ClusterApiFixture cluster)
{
    [Fact]
    public async Task ReportsRemovalsAndSuspensionsHoldAcrossApiInstances()
    {
        var author = await ApiClient.RegisterAsync(cluster.First, "author");
        var first = await ApiClient.RegisterAsync(cluster.First, "reporter");
        var second = await ApiClient.RegisterAsync(cluster.Second, "reporter");
        var admin = await Moderation.Moderation.SignInAdminAsync(cluster.Second.CreateClient());
        var post = await author.PublishAsync("fake giveaway");
        var other = await author.PublishAsync("another fake giveaway");

        var id = await first.ReportAsync("post", post, "scam");
        Assert.Equal(id, await second.ReportAsync("post", post, "spam"));
        Assert.Equal(2, (await admin.QueueItemAsync(id))!["reportCount"]!.GetValue<long>());

        await admin.ResolveAsync(id, "remove", "scam");
        await ProblemAssert.IsProblemAsync(await first.Http.GetAsync($"/v1/posts/{post}"), HttpStatusCode.NotFound);

        await admin.ResolveAsync(await first.ReportAsync("post", other, "scam"), "suspend", "repeat scams");
        using var authorOnSecond = cluster.Second.CreateClient();
        authorOnSecond.DefaultRequestHeaders.Authorization = author.Http.DefaultRequestHeaders.Authorization;
        await ProblemAssert.IsProblemAsync(await author.Http.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await authorOnSecond.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await Moderation.Moderation.LoginAsync(cluster.First.CreateClient(), author.Username), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await second.Http.GetAsync($"/v1/posts/{other}"), HttpStatusCode.NotFound);

        var onFirst = await Moderation.Moderation.SignInAdminAsync(cluster.First.CreateClient());
        var log = (await onFirst.ListAllAsync("/v1/admin/actions")).Select(a => (a["action"]!.GetValue<string>(), a["targetId"]!.GetValue<string>())).ToList();
        Assert.Equal([("suspend", other), ("remove", post)], log.Take(2));

        Assert.Equal(HttpStatusCode.OK, (await onFirst.Http.DeleteAsync($"/v1/admin/users/{author.Id}/suspend")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Moderation.Moderation.LoginAsync(cluster.Second.CreateClient(), author.Username)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync($"/v1/posts/{other}")).StatusCode);
    }
}
