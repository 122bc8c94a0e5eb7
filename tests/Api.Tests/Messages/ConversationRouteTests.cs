using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Messages;

/// <summary>
/// The conversation routes, written once and run on both profiles: users act through one Api instance and read
/// through <see cref="Reader"/>, which on the Cluster profile is the other instance.
/// </summary>
public abstract class ConversationRouteTests
{
    protected abstract Task<ApiClient> RegisterAsync(string prefix);

    /// <summary>The user's client on the instance that reads back what was written.</summary>
    protected abstract HttpClient Reader(ApiClient user);

    [Fact]
    public async Task AOneToOneConversationIsCreatedOnceWhicheverSideStartsIt()
    {
        var (ann, bob) = (await RegisterAsync("ann"), await RegisterAsync("bob"));

        var created = await ann.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { bob.Id, bob.Id, ann.Id } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var conversation = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(conversation["isGroup"]!.GetValue<bool>());
        Assert.Equal(new[] { ann.Username, bob.Username }, conversation["participants"]!.AsArray().Select(p => p!["username"]!.GetValue<string>()).Order());

        var again = await ann.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { bob.Id } });
        var fromBob = await Reader(bob).PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { ann.Id } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromBob.StatusCode);
        Assert.Equal(IdOf(conversation), IdOf((await again.Content.ReadFromJsonAsync<JsonObject>())!));
        Assert.Equal(IdOf(conversation), IdOf((await fromBob.Content.ReadFromJsonAsync<JsonObject>())!));
        Assert.Single(await ListAsync(Reader(ann)));
    }

    [Fact]
    public async Task MessagesGetGaplessSeqsAndPageForwardAndBack()
    {
        var (ann, bob) = (await RegisterAsync("ann"), await RegisterAsync("bob"));
        var id = await StartAsync(ann, bob);
        for (var i = 1; i <= 5; i++)
        {
            var sent = await SendAsync(i % 2 == 0 ? bob : ann, id, $"message {i}");
            Assert.Equal(i, sent["seq"]!.GetValue<long>());
            Assert.Equal(id, sent["conversationId"]!.GetValue<string>());
        }

        Assert.Equal(["message 1", "message 2", "message 3", "message 4", "message 5"], Texts(await MessagesAsync(Reader(bob), id, "")));
        var forward = await MessagesAsync(Reader(bob), id, "afterSeq=1&limit=2");
        Assert.Equal(["message 2", "message 3"], Texts(forward));
        var rest = await MessagesAsync(Reader(bob), id, $"afterSeq=1&limit=2&cursor={forward["nextCursor"]}");
        Assert.Equal(["message 4", "message 5"], Texts(rest));
        Assert.Null(rest["nextCursor"]);

        var newest = await MessagesAsync(Reader(ann), id, "limit=2");
        Assert.Equal(["message 4", "message 5"], Texts(newest));
        var older = await MessagesAsync(Reader(ann), id, $"limit=2&cursor={newest["nextCursor"]}");
        Assert.Equal(["message 2", "message 3"], Texts(older));
        Assert.Equal(["message 2", "message 3"], Texts(await MessagesAsync(Reader(ann), id, "afterSeq=1&beforeSeq=4")));
        Assert.Equal(["message 1", "message 2"], Texts(await MessagesAsync(Reader(ann), id, "beforeSeq=3")));
        Assert.Empty(Texts(await MessagesAsync(Reader(ann), id, "afterSeq=5")));
    }

    [Fact]
    public async Task AResentClientMessageIdIsStoredOnce()
    {
        var (ann, bob) = (await RegisterAsync("ann"), await RegisterAsync("bob"));
        var id = await StartAsync(ann, bob);

        var first = await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "c-1", text = "hello" });
        var retry = await Reader(ann).PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "c-1", text = "hello" });
        var bobsOwn = await bob.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "c-1", text = "hi" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bobsOwn.StatusCode); // client ids are the sender's own
        var stored = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(stored.ToJsonString(), (await retry.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString());
        var messages = await MessagesAsync(Reader(bob), id, "");
        Assert.Equal([1L, 2L], messages["items"]!.AsArray().Select(m => m!["seq"]!.GetValue<long>()));
        Assert.Equal(["hello", "hi"], Texts(messages));
    }

    [Fact]
    public async Task OnlyParticipantsReachAConversation()
    {
        var (ann, bob, eve) = (await RegisterAsync("ann"), await RegisterAsync("bob"), await RegisterAsync("eve"));
        var id = await StartAsync(ann, bob);
        await SendAsync(ann, id, "private");

        await ProblemAssert.IsProblemAsync(await Reader(eve).GetAsync($"/v1/conversations/{id}/messages"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await eve.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "x", text = "hi" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await eve.Http.PostAsJsonAsync($"/v1/conversations/{id}/read", new { upToSeq = 1 }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await eve.Http.PostAsync($"/v1/conversations/{id}/accept", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await eve.Http.GetAsync("/v1/conversations/424242/messages"), HttpStatusCode.NotFound);
        Assert.Empty(await ListAsync(Reader(eve)));
        Assert.Equal(["private"], Texts(await MessagesAsync(Reader(bob), id, "")));
    }

    [Fact]
    public async Task AStrangersConversationIsARequestUntilAcceptedOrAnswered()
    {
        var (ann, bob, cat) = (await RegisterAsync("ann"), await RegisterAsync("bob"), await RegisterAsync("cat"));
        await bob.FollowAsync(cat); // bob follows cat, not ann
        var fromAnn = await StartAsync(ann, bob);
        var fromCat = await StartAsync(cat, bob);
        await SendAsync(ann, fromAnn, "hi, it's ann");

        Assert.Equal([fromAnn], IdsOf(await ListAsync(Reader(bob), "requests")));
        Assert.Equal([fromCat], IdsOf(await ListAsync(Reader(bob))));
        Assert.Equal([fromAnn], IdsOf(await ListAsync(Reader(ann)))); // the starter always sees it in the inbox

        await SendAsync(bob, fromAnn, "hello ann"); // replying accepts
        Assert.Empty(await ListAsync(Reader(bob), "requests"));
        Assert.Equal([fromAnn, fromCat], IdsOf(await ListAsync(Reader(bob))));

        var dan = await RegisterAsync("dan");
        var fromDan = await StartAsync(dan, bob);
        Assert.Equal([fromDan], IdsOf(await ListAsync(Reader(bob), "requests")));
        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.PostAsync($"/v1/conversations/{fromDan}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.PostAsync($"/v1/conversations/{fromDan}/accept", null)).StatusCode);
        Assert.Empty(await ListAsync(Reader(bob), "requests"));
        Assert.Equal([fromDan, fromAnn, fromCat], IdsOf(await ListAsync(Reader(bob))));
    }

    [Fact]
    public async Task UnreadCountsFollowTheReadPointer()
    {
        var (ann, bob) = (await RegisterAsync("ann"), await RegisterAsync("bob"));
        await bob.FollowAsync(ann);
        var id = await StartAsync(ann, bob);
        for (var i = 1; i <= 3; i++)
        {
            await SendAsync(ann, id, $"m{i}");
        }

        Assert.Equal(3, UnreadOf(await ListAsync(Reader(bob)), id));
        Assert.Equal(0, UnreadOf(await ListAsync(Reader(ann)), id)); // your own messages are never unread
        Assert.Equal("m3", (await ListAsync(Reader(bob)))[0]!["lastMessage"]!["text"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.PostAsJsonAsync($"/v1/conversations/{id}/read", new { upToSeq = 2 })).StatusCode);
        Assert.Equal(1, UnreadOf(await ListAsync(Reader(bob)), id));
        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.PostAsJsonAsync($"/v1/conversations/{id}/read", new { upToSeq = 1 })).StatusCode);
        Assert.Equal(1, UnreadOf(await ListAsync(Reader(bob)), id)); // never backwards

        await SendAsync(bob, id, "reply"); // sending reads up to one's own message
        Assert.Equal(0, UnreadOf(await ListAsync(Reader(bob)), id));
        Assert.Equal(1, UnreadOf(await ListAsync(Reader(ann)), id));
        await ProblemAssert.IsProblemAsync(await bob.Http.PostAsJsonAsync($"/v1/conversations/{id}/read", new { upToSeq = 99 }), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task InAGroupEveryMemberHasTheirOwnReadPointer()
    {
        var (ann, bob, cat) = (await RegisterAsync("ann"), await RegisterAsync("bob"), await RegisterAsync("cat"));
        var created = await ann.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { bob.Id, cat.Id }, name = "trip" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = IdOf((await created.Content.ReadFromJsonAsync<JsonObject>())!);
        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.PostAsync($"/v1/conversations/{id}/accept", null)).StatusCode);
        await SendAsync(ann, id, "where to?");
        await SendAsync(bob, id, "the sea");

        Assert.Equal(HttpStatusCode.NoContent, (await cat.Http.PostAsJsonAsync($"/v1/conversations/{id}/read", new { upToSeq = 1 })).StatusCode);
        Assert.Equal(1, UnreadOf(await ListAsync(Reader(ann)), id));
        Assert.Equal(0, UnreadOf(await ListAsync(Reader(bob)), id));
        Assert.Equal(1, UnreadOf(await ListAsync(Reader(cat), "requests"), id)); // reading is not accepting
        var listed = (await ListAsync(Reader(cat), "requests")).Single()!;
        Assert.True(listed["isGroup"]!.GetValue<bool>());
        Assert.Equal("trip", listed["name"]!.GetValue<string>());
        Assert.Equal("the sea", listed["lastMessage"]!["text"]!.GetValue<string>());
    }

    protected static async Task<string> StartAsync(ApiClient creator, params ApiClient[] others)
    {
        var response = await creator.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = others.Select(o => o.Id).ToArray() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return IdOf((await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    protected static async Task<JsonObject> SendAsync(ApiClient sender, string conversationId, string text)
    {
        var response = await sender.Http.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { clientMessageId = Guid.NewGuid().ToString("N"), text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    protected static async Task<JsonObject> MessagesAsync(HttpClient reader, string conversationId, string query)
    {
        var response = await reader.GetAsync($"/v1/conversations/{conversationId}/messages?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    protected static async Task<JsonArray> ListAsync(HttpClient reader, string folder = "inbox")
    {
        var response = await reader.GetAsync($"/v1/conversations?folder={folder}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
    }

    protected static string[] Texts(JsonObject page) => [.. page["items"]!.AsArray().Select(m => m!["text"]!.GetValue<string>())];

    protected static string[] IdsOf(JsonArray conversations) => [.. conversations.Select(c => IdOf(c!.AsObject()))];

    protected static string IdOf(JsonObject conversation) => conversation["id"]!.GetValue<string>();

    private static long UnreadOf(JsonArray conversations, string id) =>
        conversations.Single(c => IdOf(c!.AsObject()) == id)!["unreadCount"]!.GetValue<long>();
}
