using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

/// <summary>
/// Reports of direct messages, written once and run on both profiles: users act through one Api instance and read
/// through <see cref="Reader"/>, which on the Cluster profile is the other instance.
/// </summary>
public abstract class MessageReportTests
{
    protected abstract Task<ApiClient> RegisterAsync(string prefix);

    /// <summary>The user's client on the instance that reads back what was written.</summary>
    protected abstract HttpClient Reader(ApiClient user);

    /// <summary>A fresh client with no token, for the admin's sign-in and for media URLs.</summary>
    protected abstract HttpClient CreateClient();

    [Fact]
    public async Task ParticipantsReportsOfAMessageAreOneQueueItem()
    {
        var (ann, bob, cat, eve) = (await RegisterAsync("ann"), await RegisterAsync("bob"), await RegisterAsync("cat"), await RegisterAsync("eve"));
        var admin = await Moderation.SignInAdminAsync(CreateClient());
        var group = await StartAsync(ann, bob, cat);
        var message = IdOf(await SendAsync(ann, group, "buy followers here"));

        var id = await bob.ReportAsync("message", message, "spam");
        Assert.Equal(id, await cat.ReportAsync("message", message, "scam")); // cat has it among requests: still a participant
        Assert.Equal(id, await bob.ReportAsync("message", message, "spam again")); // the same open report: not counted again

        var item = await admin.QueueItemAsync(id);
        Assert.Equal(("message", message, 2L), (item!["targetType"]!.GetValue<string>(), item["targetId"]!.GetValue<string>(), item["reportCount"]!.GetValue<long>()));
        Assert.Equal(["spam", "scam"], item["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));

        // Someone outside the conversation, an unknown id and one's own message: refused, nothing filed.
        var notFound = await ProblemAssert.IsProblemAsync(await eve.TryReportAsync("message", message), HttpStatusCode.NotFound);
        Assert.Contains("message", notFound["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await bob.TryReportAsync("message", "1234567"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await ann.TryReportAsync("message", message), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, (await admin.QueueItemAsync(id))!["reportCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task RemovingAMessageLeavesATombstoneEveryParticipantSees()
    {
        var (ann, bob) = (await RegisterAsync("ann"), await RegisterAsync("bob"));
        var admin = await Moderation.SignInAdminAsync(CreateClient());
        var conversation = await StartAsync(bob, ann);
        await SendAsync(bob, conversation, "hi ann");
        var sent = await ann.Http.PostAsJsonAsync($"/v1/conversations/{conversation}/messages",
            new { clientMessageId = "photo", text = "something nasty", mediaId = await ann.UploadAsync() });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var message = (await sent.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(message["removed"]!.GetValue<bool>());
        var url = message["media"]!["variants"]!["full"]!.GetValue<string>();
        var anonymous = CreateClient();
        await Eventually.TrueAsync(async () => (await anonymous.GetAsync(url)).StatusCode == HttpStatusCode.OK, "the image served");

        var id = await bob.ReportAsync("message", IdOf(message), "harassment");
        Assert.Equal("remove", (await admin.ResolveAsync(id, "remove", "harassment"))["resolution"]!["action"]!.GetValue<string>());

        foreach (var participant in new[] { ann, bob })
        {
            var items = (await MessagesAsync(Reader(participant), conversation))["items"]!.AsArray();
            Assert.Equal([1L, 2L], items.Select(m => m!["seq"]!.GetValue<long>()));
            Assert.Equal("hi ann", items[0]!["text"]!.GetValue<string>());
            Assert.False(items[0]!["removed"]!.GetValue<bool>());
            var tombstone = items[1]!;
            Assert.Equal((IdOf(message), ann.Id, true), (IdOf(tombstone.AsObject()), tombstone["senderId"]!.GetValue<string>(), tombstone["removed"]!.GetValue<bool>()));
            Assert.Null(tombstone["text"]);
            Assert.Null(tombstone["media"]);

            var preview = (await Reader(participant).GetFromJsonAsync<JsonObject>("/v1/conversations"))!["items"]!.AsArray()
                .Single(c => c!["id"]!.GetValue<string>() == conversation)!["lastMessage"]!;
            Assert.Equal((IdOf(message), true), (IdOf(preview.AsObject()), preview["removed"]!.GetValue<bool>()));
            Assert.Null(preview["text"]);
        }

        await Eventually.TrueAsync(async () => (await anonymous.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, "the image gone");
        await ProblemAssert.IsProblemAsync(await bob.TryReportAsync("message", IdOf(message)), HttpStatusCode.NotFound);

        // The conversation goes on where it was: the next message takes the next seq.
        Assert.Equal(3, (await SendAsync(bob, conversation, "that is gone now"))["seq"]!.GetValue<long>());
        var entry = (await admin.ListAllAsync("/v1/admin/actions")).Single(a => a["reportId"]?.GetValue<string>() == id);
        Assert.Equal(("remove", "message", IdOf(message)), (entry["action"]!.GetValue<string>(), entry["targetType"]!.GetValue<string>(), entry["targetId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SuspendingOnAMessageReportSuspendsItsSender()
    {
        var (ann, bob) = (await RegisterAsync("ann"), await RegisterAsync("bob"));
        var admin = await Moderation.SignInAdminAsync(CreateClient());
        var conversation = await StartAsync(ann, bob);
        var message = IdOf(await SendAsync(ann, conversation, "send me your password"));

        var resolved = await admin.ResolveAsync(await bob.ReportAsync("message", message, "phishing"), "suspend", "phishing");

        Assert.Equal("suspend", resolved["resolution"]!["action"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(await Reader(ann).GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await Moderation.LoginAsync(CreateClient(), ann.Username), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await Reader(bob).GetAsync("/v1/users/me")).StatusCode);
    }

    private static async Task<string> StartAsync(ApiClient creator, params ApiClient[] others)
    {
        var response = await creator.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = others.Select(o => o.Id).ToArray() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return IdOf((await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static async Task<JsonObject> SendAsync(ApiClient sender, string conversationId, string text)
    {
        var response = await sender.Http.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { clientMessageId = Guid.NewGuid().ToString("N"), text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> MessagesAsync(HttpClient reader, string conversationId)
    {
        var response = await reader.GetAsync($"/v1/conversations/{conversationId}/messages");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string IdOf(JsonObject item) => item["id"]!.GetValue<string>();
}
