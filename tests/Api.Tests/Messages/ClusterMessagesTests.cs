using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Cluster;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Messages;

/// <summary>
/// The conversation routes on the Cluster profile (PostgreSQL state, Redis limits): users write through the first
/// Api instance and read through the second, so every answer comes from stored state, not from one process.
/// </summary>
[Trait("Category", "Services")]
[Collection(ClusterApiCollection.Name)]
public sealed class ClusterMessagesTests(ClusterApiFixture cluster) : ConversationRouteTests
{
    protected override Task<ApiClient> RegisterAsync(string prefix) => ApiClient.RegisterAsync(cluster.First, prefix);

    protected override HttpClient Reader(ApiClient user) => cluster.OnSecondInstance(user);

    [Fact]
    public async Task SendingIsRateLimitedPerUserOnEveryInstance()
    {
        var (ann, bob) = (await RegisterAsync("ann"), await RegisterAsync("bob"));
        var id = await StartAsync(ann, bob); // starting a conversation draws on the same budget
        for (var i = 1; i < ClusterApiFixture.MessageLimit; i++)
        {
            await SendAsync(ann, id, $"m{i}");
        }

        var refused = await Reader(ann).PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "one too many", text = "hi" });
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Created, (await bob.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "bob", text = "hi" })).StatusCode);
    }
}
