using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json;
using Instagram.Api.Realtime;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Api.Tests.Moderation;
using Instagram.Grains.Messages;
using Instagram.Grains.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Core.Internal;

namespace Instagram.Api.Tests.Realtime;

/// <summary>
/// The hub and the connection registry, written once and run on both profiles. Events are handed to the registry
/// grains as the conversations hand them (the grain contract), and read where a client reads them: on the hub.
/// <see cref="First"/> and <see cref="Second"/> are two Api instances (the same one on the Embedded profile).
/// </summary>
public abstract class RealtimeHubTests : IAsyncLifetime
{
    private readonly List<RealtimeClient> _clients = [];
    private long _nextMessageId = Random.Shared.NextInt64(1, long.MaxValue / 2);

    protected abstract ApiFactory First { get; }

    protected abstract ApiFactory Second { get; }

    protected abstract RecordingPushSender Pushes { get; }

    private IGrainFactory Grains => First.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task AnEventForAUserReachesTheirDeviceOnTheOtherInstance()
    {
        var user = await ApiClient.RegisterAsync(First);
        var device = await ConnectAsync(Second, user);
        var conversationId = NewId();
        var sent = Message(conversationId, seq: 1, senderId: NewId(), text: "hello there");

        await Registry(user).DeliverAsync(new MessageEvent(conversationId, sent));

        var received = await device.NextAsync(RealtimeEventPayloads.Message);
        Assert.Equal(Id(conversationId), received.GetProperty("conversationId").GetString());
        var message = received.GetProperty("message");
        Assert.Equal(Id(sent.Id), message.GetProperty("id").GetString());
        Assert.Equal(Id(conversationId), message.GetProperty("conversationId").GetString());
        Assert.Equal(1, message.GetProperty("seq").GetInt64());
        Assert.Equal(Id(sent.SenderId), message.GetProperty("senderId").GetString());
        Assert.Equal(sent.ClientMessageId, message.GetProperty("clientMessageId").GetString());
        Assert.Equal("hello there", message.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("media").ValueKind);
        Assert.Equal(sent.CreatedAt, message.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task EveryDeviceOfAUserGetsEachEventOnceAndInOrder()
    {
        var user = await ApiClient.RegisterAsync(First);
        var phone = await ConnectAsync(First, user, webSockets: false);
        var laptop = await ConnectAsync(Second, user);
        var conversationId = NewId();

        await DeliverMessagesAsync([Registry(user)], conversationId, count: 5);

        foreach (var device in new[] { phone, laptop })
        {
            Assert.Equal([1L, 2, 3, 4, 5], await SeqsUpToAsync(device, Id(conversationId), 5));
        }
    }

    [Fact]
    public async Task AGroupOf32GetsEveryMessageOncePerDevice()
    {
        var members = new List<ApiClient>();
        for (var i = 0; i < 32; i++)
        {
            members.Add(await ApiClient.RegisterAsync(i % 2 == 0 ? First : Second, "member")); // one at a time: a password hash is CPU-heavy
        }

        var devices = await Task.WhenAll(members.Select((m, i) => ConnectAsync(i % 2 == 0 ? Second : First, m)));
        var conversationId = NewId();

        await DeliverMessagesAsync([.. members.Select(Registry)], conversationId, count: 10);

        var seqs = await Task.WhenAll(devices.Select(d => SeqsUpToAsync(d, Id(conversationId), 10)));
        Assert.All(seqs, s => Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), s));
    }

    [Fact]
    public async Task AReadReceiptReachesTheSender()
    {
        var sender = await ApiClient.RegisterAsync(First);
        var reader = await ApiClient.RegisterAsync(Second);
        var device = await ConnectAsync(Second, sender);
        var conversationId = NewId();

        await Registry(sender).DeliverAsync(new ReadEvent(conversationId, long.Parse(reader.Id, CultureInfo.InvariantCulture), 7));

        var read = await device.NextAsync(RealtimeEventPayloads.Read);
        Assert.Equal(Id(conversationId), read.GetProperty("conversationId").GetString());
        Assert.Equal(reader.Id, read.GetProperty("userId").GetString());
        Assert.Equal(7, read.GetProperty("upToSeq").GetInt64());
    }

    [Fact]
    public async Task ANotificationArrivesOnTheHubInTheInboxShape()
    {
        var user = await ApiClient.RegisterAsync(First);
        var fan = await ApiClient.RegisterAsync(Second, "fan");
        var device = await ConnectAsync(Second, user);

        await fan.FollowAsync(user);

        var notification = await device.NextAsync(RealtimeEventPayloads.Notification);
        Assert.Equal("follow", notification.GetProperty("type").GetString());
        Assert.Equal(fan.Username, notification.GetProperty("actors")[0].GetProperty("username").GetString());
        Assert.Equal(fan.Id, notification.GetProperty("actors")[0].GetProperty("id").GetString());
        Assert.Equal(1, notification.GetProperty("actorCount").GetInt64());
        Assert.False(notification.GetProperty("read").GetBoolean());
        var inbox = (await user.GetJsonAsync("/v1/notifications"))!["items"]![0]!;
        Assert.Equal(inbox["id"]!.GetValue<string>(), notification.GetProperty("id").GetString());
    }

    [Fact]
    public async Task PresenceFollowsHeartbeatsAndContactsAreToldOfChanges()
    {
        var user = await ApiClient.RegisterAsync(First);
        var contact = await ApiClient.RegisterAsync(Second);
        await MakeContactsAsync(user, contact);
        var watcher = await ConnectAsync(First, contact);

        var device = await ConnectAsync(Second, user);
        var online = await watcher.NextAsync(RealtimeEventPayloads.Presence, p => p.GetProperty("userId").GetString() == user.Id);
        Assert.True(online.GetProperty("online").GetBoolean());
        Assert.True(online.GetProperty("lastActiveAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.True(await PresenceAsync(contact, user) is { Online: true, LastActiveAt: not null });

        // Heartbeats keep the user online for longer than two missed intervals would allow.
        var heartbeating = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < heartbeating)
        {
            await device.HeartbeatAsync();
            await Task.Delay(250);
        }

        Assert.True(await PresenceAsync(contact, user) is { Online: true });

        // Then two intervals without one take the user offline, and the contact is told.
        var offline = await watcher.NextAsync(RealtimeEventPayloads.Presence, p => p.GetProperty("userId").GetString() == user.Id && !p.GetProperty("online").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, offline.GetProperty("lastActiveAt").ValueKind);
        Assert.True(await PresenceAsync(contact, user) is { Online: false, LastActiveAt: not null });

        await device.HeartbeatAsync();
        await watcher.NextAsync(RealtimeEventPayloads.Presence, p => p.GetProperty("userId").GetString() == user.Id && p.GetProperty("online").GetBoolean());

        await device.DisposeAsync();
        await watcher.NextAsync(RealtimeEventPayloads.Presence, p => p.GetProperty("userId").GetString() == user.Id && !p.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task PresenceIsHiddenFromNonContactsAndAcrossBlocks()
    {
        var user = await ApiClient.RegisterAsync(First);
        var contact = await ApiClient.RegisterAsync(Second);
        var stranger = await ApiClient.RegisterAsync(Second);
        await MakeContactsAsync(user, contact);

        Assert.Equal(HttpStatusCode.OK, (await contact.Http.GetAsync($"/v1/users/{user.Id}/presence")).StatusCode);
        await ProblemAssert.IsProblemAsync(await stranger.Http.GetAsync($"/v1/users/{user.Id}/presence"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.Http.GetAsync("/v1/users/not-an-id/presence"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await First.CreateClient().GetAsync($"/v1/users/{user.Id}/presence"), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.PostAsync($"/v1/users/{contact.Id}/block", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(await contact.Http.GetAsync($"/v1/users/{user.Id}/presence"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync($"/v1/users/{contact.Id}/presence"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheHubRefusesAMissingBadOrEndedToken()
    {
        var user = await ApiClient.RegisterAsync(First);
        await AssertRefusedAsync(null);
        await AssertRefusedAsync(user.AccessToken[..^4] + "AAAA");

        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.PostAsync("/v1/auth/logout", null)).StatusCode);
        await AssertRefusedAsync(user.AccessToken);

        async Task AssertRefusedAsync(string? token)
        {
            foreach (var webSockets in new[] { true, false })
            {
                await using var connection = RealtimeClient.Build(Second, token, webSockets);
                var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
                Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task AnOfflineUserGetsOneCoalescedPushPerConversation()
    {
        var user = await ApiClient.RegisterAsync(First);
        var userId = long.Parse(user.Id, CultureInfo.InvariantCulture);
        var (busy, quiet) = (NewId(), NewId());

        await Task.WhenAll(
            DeliverMessagesAsync([Registry(user)], busy, count: 3),
            DeliverMessagesAsync([Registry(user)], quiet, count: 1),
            Registry(user).DeliverAsync(new MessageEvent(NewId(), Message(NewId(), 1, senderId: userId, "my own, sent from elsewhere"))));

        await Eventually.TrueAsync(() => Task.FromResult(Pushes.To(userId).Count >= 2), "the pushes after the window");
        var pushes = Pushes.To(userId).OrderBy(p => p.MessageCount).ToArray();
        Assert.Equal([new MessagePush(userId, quiet, 1, 1), new MessagePush(userId, busy, 3, 3)], pushes);

        // A connected device reads its messages itself: nothing more is pushed.
        var device = await ConnectAsync(Second, user);
        await Registry(user).DeliverAsync(new MessageEvent(busy, Message(busy, 4, NewId(), "four")));
        await device.NextAsync(RealtimeEventPayloads.Message);
        Assert.Equal(2, Pushes.To(userId).Count);
    }

    [Fact]
    public async Task AReactivatedRegistryLearnsTheConnectionsBackWithinAHeartbeat()
    {
        var user = await ApiClient.RegisterAsync(First);
        var device = await ConnectAsync(Second, user);
        var conversationId = NewId();

        await Registry(user).Cast<IGrainManagementExtension>().DeactivateOnIdle(); // as a silo restart leaves it

        // The first events may find the registry empty (and are pushed instead); within an interval they arrive.
        long seq = 0;
        await Eventually.TrueAsync(async () =>
        {
            await Registry(user).DeliverAsync(new MessageEvent(conversationId, Message(conversationId, ++seq, NewId(), "ping")));
            return device.Drain(RealtimeEventPayloads.Message).Count > 0;
        }, "an event reaching the device again");
    }

    [Fact]
    public async Task AMessageSentOverHttpOnOneInstanceReachesTheOtherParticipantOnTheOtherWithTypingAndReadReceipts()
    {
        var ann = await ApiClient.RegisterAsync(First, "ann");
        var bob = await ApiClient.RegisterAsync(Second, "bob");
        var stranger = await ApiClient.RegisterAsync(Second, "stranger");
        var annDevice = await ConnectAsync(First, ann);
        var bobDevice = await ConnectAsync(Second, bob);
        var strangerDevice = await ConnectAsync(Second, stranger);
        var conversationId = await StartConversationAsync(ann, bob);

        var sent = await SendOverHttpAsync(ann, conversationId, "hi bob");
        var received = (await bobDevice.NextAsync(RealtimeEventPayloads.Message)).GetProperty("message");
        foreach (var field in new[] { "id", "conversationId", "senderId", "clientMessageId", "text" })
        {
            Assert.Equal(sent[field]!.GetValue<string>(), received.GetProperty(field).GetString());
        }

        Assert.Equal(sent["seq"]!.GetValue<long>(), received.GetProperty("seq").GetInt64());
        Assert.Equal(sent["createdAt"]!.GetValue<DateTimeOffset>(), received.GetProperty("createdAt").GetDateTimeOffset());
        // The sender's other devices hear of it too (here: the one that sent it).
        Assert.Equal(sent["id"]!.GetValue<string>(), (await annDevice.NextAsync(RealtimeEventPayloads.Message)).GetProperty("message").GetProperty("id").GetString());

        await bobDevice.Connection.InvokeAsync("Typing", conversationId);
        var typing = await annDevice.NextAsync(RealtimeEventPayloads.Typing);
        Assert.Equal(conversationId, typing.GetProperty("conversationId").GetString());
        Assert.Equal(bob.Id, typing.GetProperty("userId").GetString());
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => strangerDevice.Connection.InvokeAsync("Typing", conversationId));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => strangerDevice.Connection.InvokeAsync("Typing", "not-an-id"));

        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.PostAsJsonAsync($"/v1/conversations/{conversationId}/read", new { upToSeq = 1 })).StatusCode);
        var read = await annDevice.NextAsync(RealtimeEventPayloads.Read);
        Assert.Equal(bob.Id, read.GetProperty("userId").GetString());
        Assert.Equal(1, read.GetProperty("upToSeq").GetInt64());

        // Having a conversation makes them contacts: each may see the other's presence; the stranger may not.
        await Eventually.TrueAsync(async () => await PresenceAsync(bob, ann) is { Online: true }, "ann's presence shown to bob");
        await ProblemAssert.IsProblemAsync(await stranger.Http.GetAsync($"/v1/users/{ann.Id}/presence"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AMessageAnAdminRemovesIsAnnouncedToEveryParticipant()
    {
        var ann = await ApiClient.RegisterAsync(First, "ann");
        var bob = await ApiClient.RegisterAsync(Second, "bob");
        var admin = await Moderation.Moderation.SignInAdminAsync(Second.CreateClient());
        var annDevice = await ConnectAsync(First, ann);
        var bobDevice = await ConnectAsync(Second, bob);
        var conversationId = await StartConversationAsync(ann, bob);
        var sent = await SendOverHttpAsync(ann, conversationId, "something to remove");

        await admin.ResolveAsync(await bob.ReportAsync("message", sent["id"]!.GetValue<string>(), "abuse"), "remove");

        foreach (var device in new[] { annDevice, bobDevice })
        {
            var removed = await device.NextAsync(RealtimeEventPayloads.MessageRemoved);
            Assert.Equal(conversationId, removed.GetProperty("conversationId").GetString());
            Assert.Equal(sent["id"]!.GetValue<string>(), removed.GetProperty("id").GetString());
            Assert.Equal(sent["seq"]!.GetValue<long>(), removed.GetProperty("seq").GetInt64());
        }
    }

    [Fact]
    public async Task ADisconnectedDeviceCatchesUpByAfterSeqWithNoGapOrDuplicate()
    {
        var ann = await ApiClient.RegisterAsync(First, "ann");
        var bob = await ApiClient.RegisterAsync(Second, "bob");
        var conversationId = await StartConversationAsync(ann, bob);
        var seen = new List<long>();

        var bobDevice = await RealtimeClient.ConnectAsync(Second, bob);
        await SendOverHttpAsync(ann, conversationId, "one");
        await SendOverHttpAsync(ann, conversationId, "two");
        seen.AddRange(await SeqsUpToAsync(bobDevice, conversationId, 2));
        await bobDevice.DisposeAsync();

        for (var i = 3; i <= 5; i++)
        {
            await SendOverHttpAsync(ann, conversationId, $"while away {i}");
        }

        // Reconnect first, then read what was missed: anything sent meanwhile arrives live and is not lost.
        bobDevice = await ConnectAsync(First, bob);
        var missed = await bob.Http.GetFromJsonAsync<JsonObject>($"/v1/conversations/{conversationId}/messages?afterSeq={seen.Max()}");
        seen.AddRange(missed!["items"]!.AsArray().Select(m => m!["seq"]!.GetValue<long>()));
        await SendOverHttpAsync(ann, conversationId, "six");
        seen.AddRange(await SeqsUpToAsync(bobDevice, conversationId, 6));

        Assert.Equal([1L, 2, 3, 4, 5, 6], seen);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    private async Task<RealtimeClient> ConnectAsync(ApiFactory api, ApiClient user, bool webSockets = true)
    {
        var client = await RealtimeClient.ConnectAsync(api, user, webSockets);
        _clients.Add(client);
        return client;
    }

    private static async Task<string> StartConversationAsync(ApiClient creator, ApiClient other)
    {
        var response = await creator.Http.PostAsJsonAsync("/v1/conversations", new { participantIds = new[] { other.Id } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<JsonObject> SendOverHttpAsync(ApiClient sender, string conversationId, string text)
    {
        var response = await sender.Http.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { clientMessageId = Guid.NewGuid().ToString("N"), text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private IUserRealtimeGrain Registry(ApiClient user) => Grains.GetGrain<IUserRealtimeGrain>(long.Parse(user.Id, CultureInfo.InvariantCulture));

    private async Task MakeContactsAsync(ApiClient a, ApiClient b)
    {
        await Registry(a).AddContactsAsync([long.Parse(b.Id, CultureInfo.InvariantCulture)]);
        await Registry(b).AddContactsAsync([long.Parse(a.Id, CultureInfo.InvariantCulture)]);
    }

    private static async Task<PresenceResponse?> PresenceAsync(ApiClient viewer, ApiClient user)
    {
        var body = await viewer.GetJsonAsync($"/v1/users/{user.Id}/presence");
        return body is null ? null : new PresenceResponse(body["online"]!.GetValue<bool>(), body["lastActiveAt"]?.GetValue<DateTimeOffset>());
    }

    /// <summary>Messages 1..count of a conversation, each handed to every recipient's registry before the next, as a conversation does.</summary>
    private async Task DeliverMessagesAsync(IUserRealtimeGrain[] recipients, long conversationId, int count)
    {
        var senderId = NewId();
        for (var seq = 1; seq <= count; seq++)
        {
            var message = new MessageEvent(conversationId, Message(conversationId, seq, senderId, $"message {seq}"));
            await Task.WhenAll(recipients.Select(r => r.DeliverAsync(message)));
        }
    }

    /// <summary>
    /// The seqs of the device's messages in the conversation, in arrival order, up to the one numbered
    /// <paramref name="last"/> (so a duplicate of an earlier one shows up in the list).
    /// </summary>
    private static async Task<List<long>> SeqsUpToAsync(RealtimeClient device, string conversationId, long last)
    {
        var seqs = new List<long>();
        while (seqs.LastOrDefault() != last)
        {
            var message = await device.NextAsync(RealtimeEventPayloads.Message, m => m.GetProperty("conversationId").GetString() == conversationId);
            seqs.Add(message.GetProperty("message").GetProperty("seq").GetInt64());
        }

        return seqs;
    }

    private MessageView Message(long conversationId, long seq, long senderId, string text) =>
        new(NewId(), conversationId, seq, senderId, Guid.NewGuid().ToString("N"), text, null, DateTimeOffset.UtcNow);

    private long NewId() => Interlocked.Increment(ref _nextMessageId);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

[Collection(RealtimeCollection.Name)]
public sealed class EmbeddedRealtimeHubTests(RealtimeApiFactory api) : RealtimeHubTests
{
    protected override ApiFactory First => api;

    protected override ApiFactory Second => api;

    protected override RecordingPushSender Pushes => api.Pushes;
}

[Trait("Category", "Services"), Collection(Cluster.ClusterApiCollection.Name)]
public sealed class ClusterRealtimeHubTests(Cluster.ClusterApiFixture cluster) : RealtimeHubTests
{
    protected override ApiFactory First => cluster.First;

    protected override ApiFactory Second => cluster.Second;

    protected override RecordingPushSender Pushes => cluster.Pushes;
}
