using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Moderation;

/// <summary>Message reports on the Embedded profile, plus a conversation of several full pages at the default page size.</summary>
[Collection(ApiCollection.Name)]
public sealed class MessageReportsApiTests(ApiFactory factory) : MessageReportTests
{
    protected override Task<ApiClient> RegisterAsync(string prefix) => ApiClient.RegisterAsync(factory, prefix);

    protected override HttpClient Reader(ApiClient user) => user.Http;

    protected override HttpClient CreateClient() => factory.CreateClient();

    [Fact]
    public async Task MessagesOnTheFirstPageOfALongConversationAreFoundAndRemoved()
    {
        var (ann, bob) = (await RegisterAsync("ann"), await RegisterAsync("bob"));
        var admin = await Moderation.SignInAdminAsync(CreateClient());
        var created = await ann.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { bob.Id } });
        var conversationId = long.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        // Straight to the grain, past the rate limit: 2 full pages of 200 and a few more.
        var conversation = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(conversationId);
        var (annId, bobId) = (long.Parse(ann.Id, CultureInfo.InvariantCulture), long.Parse(bob.Id, CultureInfo.InvariantCulture));
        var sent = new List<MessageView>();
        for (var i = 1; i <= 405; i++)
        {
            sent.Add((await conversation.SendAsync(new NewMessage(i % 2 == 1 ? annId : bobId, $"m{i}", $"message {i}", null))).Message);
        }

        foreach (var seq in new[] { 1, 200, 201 })
        {
            var message = sent[seq - 1];
            var reporter = message.SenderId == annId ? bob : ann;
            await admin.ResolveAsync(await reporter.ReportAsync("message", message.Id.ToString(CultureInfo.InvariantCulture)), "remove");
        }

        var page = await ann.GetJsonAsync($"/v1/conversations/{conversationId}/messages?afterSeq=0&limit=100");
        var first = page!["items"]!.AsArray();
        Assert.True(first[0]!["removed"]!.GetValue<bool>());
        Assert.All(first.Skip(1), m => Assert.False(m!["removed"]!.GetValue<bool>()));
        var boundary = (await ann.GetJsonAsync($"/v1/conversations/{conversationId}/messages?afterSeq=198&limit=4"))!["items"]!.AsArray();
        Assert.Equal([false, true, true, false], boundary.Select(m => m!["removed"]!.GetValue<bool>()));
        Assert.Equal([199L, 200L, 201L, 202L], boundary.Select(m => m!["seq"]!.GetValue<long>()));
    }
}
