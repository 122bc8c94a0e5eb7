using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Common;
using Instagram.Grains.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Messages;

/// <summary>The conversation routes on the Embedded profile, plus the rules that need no second instance to show.</summary>
[Collection(ApiCollection.Name)]
public sealed class MessagesApiTests(ApiFactory factory) : ConversationRouteTests
{
    protected override Task<ApiClient> RegisterAsync(string prefix) => ApiClient.RegisterAsync(factory, prefix);

    protected override HttpClient Reader(ApiClient user) => user.Http;

    [Fact]
    public async Task AGroupHoldsThirtyTwoPeopleAndNoMore()
    {
        var creator = await RegisterAsync("host");
        var others = await CreateUsersAsync(MaxOthers + 1);

        var tooMany = await creator.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = others, name = "too many" });
        await ProblemAssert.IsProblemAsync(tooMany, HttpStatusCode.BadRequest);
        Assert.Empty(await ListAsync(creator.Http));

        var full = await creator.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = others[..MaxOthers], name = "the team" });
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        var group = (await full.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(group["isGroup"]!.GetValue<bool>());
        Assert.Equal("the team", group["name"]!.GetValue<string>());
        Assert.Equal(MaxOthers + 1, group["participants"]!.AsArray().Count);

        // Groups are not looked up like a 1:1: the same people again make a second group.
        var second = await creator.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = others[..2] });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, (await ListAsync(creator.Http)).Count);
    }

    [Fact]
    public async Task BlockedUsersCannotMessageEachOtherEitherWay()
    {
        var (ann, bob, cat) = (await RegisterAsync("ann"), await RegisterAsync("bob"), await RegisterAsync("cat"));
        var id = await StartAsync(ann, bob);
        await SendAsync(bob, id, "before the block");
        Assert.Equal(HttpStatusCode.NoContent, (await ann.Http.PostAsync($"/v1/users/{bob.Id}/block", null)).StatusCode);

        foreach (var (from, to) in new[] { (ann, bob), (bob, ann) })
        {
            await ProblemAssert.IsProblemAsync(await from.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "b", text = "hi" }), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(await from.Http.GetAsync($"/v1/conversations/{id}/messages"), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(await from.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { to.Id } }), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(await from.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { to.Id, cat.Id } }), HttpStatusCode.NotFound);
            Assert.Empty(await ListAsync(from.Http));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await ann.Http.DeleteAsync($"/v1/users/{bob.Id}/block")).StatusCode);
        Assert.Equal(["before the block"], Texts(await MessagesAsync(bob.Http, id, "")));
        Assert.Equal(2, (await SendAsync(ann, id, "after the block"))["seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task AMessagesMediaIsShownToParticipantsOnlyAndHasOneUse()
    {
        var (ann, bob, eve) = (await RegisterAsync("ann"), await RegisterAsync("bob"), await RegisterAsync("eve"));
        var id = await StartAsync(ann, bob);
        var mediaId = await ann.UploadAsync();

        var sent = await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "photo", mediaId });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var full = (await sent.Content.ReadFromJsonAsync<JsonObject>())!["media"]!["variants"]!["full"]!.GetValue<string>();
        var received = (await MessagesAsync(bob.Http, id, ""))["items"]![0]!;
        Assert.Equal(mediaId, received["media"]!["id"]!.GetValue<string>());
        Assert.Equal(full, received["media"]!["variants"]!["full"]!.GetValue<string>());
        Assert.Null(received["text"]);

        // Nobody else gets the item's URLs: not the conversation, not the media item, not a message of their own.
        await ProblemAssert.IsProblemAsync(await eve.Http.GetAsync($"/v1/conversations/{id}/messages"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await eve.Http.GetAsync($"/v1/media/{mediaId}"), HttpStatusCode.NotFound);
        var evesOwn = await StartAsync(eve, ann);
        await ProblemAssert.IsProblemAsync(await eve.Http.PostAsJsonAsync($"/v1/conversations/{evesOwn}/messages", new { clientMessageId = "m", mediaId }), HttpStatusCode.NotFound);

        // One use: not a second message, not a post; the retried send is the same message, not a second use.
        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "again", mediaId }), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync("/v1/posts", new { mediaIds = new[] { mediaId } }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "photo", mediaId })).StatusCode);
        Assert.Single((await MessagesAsync(bob.Http, id, ""))["items"]!.AsArray());
    }

    [Fact]
    public async Task BadInputIsAProblemAndChangesNothing()
    {
        var (ann, bob) = (await RegisterAsync("ann"), await RegisterAsync("bob"));
        var id = await StartAsync(ann, bob);
        var badConversations = new object[]
        {
            new { participantIds = Array.Empty<string>() },
            new { participantIds = new[] { "not-a-number" } },
            new { participantIds = new[] { bob.Id }, name = "bad\u202Ename" },
            new { },
        };
        foreach (var body in badConversations)
        {
            await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync("/v1/conversations", body), HttpStatusCode.BadRequest);
        }

        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { ann.Id } }), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { "424242" } }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { bob.Id }, name = "us" }), HttpStatusCode.UnprocessableEntity);

        var badMessages = new object[]
        {
            new { text = "no client id" },
            new { clientMessageId = "", text = "empty client id" },
            new { clientMessageId = new string('c', 65), text = "long client id" },
            new { clientMessageId = "nothing" },
            new { clientMessageId = "empty", text = "" },
            new { clientMessageId = "long", text = new string('t', 2201) },
            new { clientMessageId = "control", text = "a\u0007b" },
            new { clientMessageId = "media", mediaId = "x" },
        };
        foreach (var body in badMessages)
        {
            await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", body), HttpStatusCode.BadRequest);
        }

        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "m", mediaId = "424242" }), HttpStatusCode.NotFound);
        var pending = (await ann.CreateUploadSlotAsync("image/png", 100)).MediaId;
        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { clientMessageId = "m", mediaId = pending }), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/read", new { upToSeq = -1 }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/read", new { }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await ann.Http.PostAsJsonAsync($"/v1/conversations/{id}/read", new { upToSeq = 1 }), HttpStatusCode.UnprocessableEntity);
        foreach (var query in new[] { "afterSeq=-1", "beforeSeq=x", "limit=0", "limit=101", "cursor=forged" })
        {
            await ProblemAssert.IsProblemAsync(await ann.Http.GetAsync($"/v1/conversations/{id}/messages?{query}"), HttpStatusCode.BadRequest);
        }

        await ProblemAssert.IsProblemAsync(await ann.Http.GetAsync("/v1/conversations?folder=archive"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await ann.Http.GetAsync("/v1/conversations/abc/messages"), HttpStatusCode.BadRequest);

        Assert.Empty((await MessagesAsync(bob.Http, id, ""))["items"]!.AsArray());
        Assert.Equal([id], IdsOf(await ListAsync(ann.Http)));
        Assert.Equal(1, (await SendAsync(ann, id, "the first message"))["seq"]!.GetValue<long>());
    }

    private const int MaxOthers = 31;

    private async Task<string[]> CreateUsersAsync(int count)
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var ids = factory.Services.GetRequiredService<IdGenerator>();
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            var id = ids.NextId();
            await grains.GetGrain<IUserGrain>(id).CreateAsync(new NewAccount($"member{id}", $"member{id}@example.com", "hash", "Member"));
            return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }));
    }
}
