using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Instagram.LoadTest.Reporting;
using Instagram.LoadTest.Systems;
using Microsoft.AspNetCore.SignalR.Client;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// Direct messages in real time, through the Api as clients use it: <c>--users</c> accounts each hold one hub connection
/// (WebSockets, split between <c>--target</c> and <c>--second-target</c> when both are given), half of them in 1:1
/// conversations and half in groups of <see cref="GroupSize"/>. Closed-loop workers send messages over HTTP as random
/// members of random conversations; every other member's client times send (just before the POST) to receive, on the
/// hub. Key figure: messages delivered per second (one delivery = one message reaching one member's device).
/// </summary>
public sealed class MessagesScenario : Scenario
{
    private const int GroupSize = 8;

    public override string Name => "messages";

    public override string Description =>
        $"Hub clients in 1:1 and {GroupSize}-member conversations; senders POST messages, receivers time send to receive on the hub.";

    public override string KeyMetric => "messages delivered/s";

    public override string? Unsupported(ScenarioContext context) =>
        context.System is HttpSystem ? null : "messages go through the Api's routes and hub: --target http://127.0.0.1:PORT";

    public override async Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var options = context.Options;
        var label = context.Label(Name);
        Uri[] targets = options.SecondHttpTarget is { } second ? [options.HttpTarget!, second] : [options.HttpTarget!];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        var sentAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        // The receivers record into the loop's recorder, which the loop hands over with its first iteration.
        var recorder = new StrongBox<Recorder?>();

        var started = Stopwatch.GetTimestamp();
        var members = await RegisterAsync(http, targets[0], options.Users, options.SeedParallelism, context.Cancellation);
        Console.WriteLine($"  [{label}] registered {members.Length} users in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1}s");
        await using var clients = new ClientSet();
        await Parallel.ForEachAsync(members.Select((m, i) => (m, i)), new ParallelOptions { MaxDegreeOfParallelism = options.SeedParallelism },
            async (member, ct) => clients.Add(await ConnectAsync(targets[member.i % targets.Length], member.m, sentAt, recorder, ct)));
        var conversations = await CreateConversationsAsync(http, targets[0], members, options.SeedParallelism, context.Cancellation);
        Console.WriteLine($"  [{label}] {clients.Count} hub clients on {targets.Length} Api instance(s), {conversations.Length} conversations, after {Stopwatch.GetElapsedTime(started).TotalSeconds:N1}s");

        var result = await RunClosedLoopAsync(context, Name, "send", async (rec, worker, ct) =>
        {
            recorder.Value ??= rec;
            var conversation = conversations[Random.Shared.Next(conversations.Length)];
            var sender = conversation.Members[Random.Shared.Next(conversation.Members.Length)];
            var clientMessageId = Guid.NewGuid().ToString("N");
            sentAt[clientMessageId] = Stopwatch.GetTimestamp();
            await rec.MeasureAsync("send", async token =>
            {
                using var request = Authorized(HttpMethod.Post, new Uri(targets[worker % targets.Length], $"/v1/conversations/{conversation.Id}/messages"), sender);
                request.Content = JsonContent.Create(new { clientMessageId, text = "load test message" });
                using var response = await http.SendAsync(request, token);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
                }

                return true;
            });
            rec.Add("expectedDeliveries", conversation.Members.Length - 1);
        }, (rec, seconds) => rec.Counters.GetValueOrDefault("messagesDelivered") / seconds, latencyOp: "delivery",
            drain: () => Task.Delay(TimeSpan.FromSeconds(2), context.Cancellation)); // deliveries of the last sends still count

        var note = string.Create(CultureInfo.InvariantCulture,
            $"{members.Length} users, {conversations.Length} conversations ({conversations.Count(c => c.Members.Length == 2)} 1:1, the rest groups of up to {GroupSize}), clients on {string.Join(" and ", targets.Select(t => t.GetLeftPart(UriPartial.Authority)))}");
        Console.WriteLine($"  [{label}] {note}");
        return result with { Notes = [.. result.Notes, note] };
    }

    private static async Task<Member[]> RegisterAsync(HttpClient http, Uri target, int count, int parallelism, CancellationToken cancellationToken)
    {
        var members = new ConcurrentBag<Member>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var username = RunTag.UserName(i);
            using var response = await http.PostAsJsonAsync(new Uri(target, "/v1/auth/register"),
                new { username, email = $"{username}@loadtest.invalid", password = HttpSystem.Password }, ct);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            members.Add(new Member(body.RootElement.GetProperty("user").GetProperty("id").GetString()!, body.RootElement.GetProperty("accessToken").GetString()!));
        });
        return [.. members];
    }

    private static async Task<Conversation[]> CreateConversationsAsync(HttpClient http, Uri target, Member[] members, int parallelism, CancellationToken cancellationToken)
    {
        var half = members.Length / 2 / 2 * 2;
        var groups = members[..half].Chunk(2).Concat(members[half..].Chunk(GroupSize)).Where(g => g.Length >= 2).ToArray();
        var conversations = new ConcurrentBag<Conversation>();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            using var request = Authorized(HttpMethod.Post, new Uri(target, "/v1/conversations"), group[0]);
            request.Content = JsonContent.Create(new { participantIds = group[1..].Select(m => m.Id).ToArray() });
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            conversations.Add(new Conversation(body.RootElement.GetProperty("id").GetString()!, group));
        });
        return [.. conversations];
    }

    private static async Task<HubConnection> ConnectAsync(Uri target, Member member, ConcurrentDictionary<string, long> sentAt, StrongBox<Recorder?> recorder, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(target, "/hubs/realtime"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(member.AccessToken))
            .Build();
        connection.On<JsonElement>("message", payload =>
        {
            var message = payload.GetProperty("message");
            if (message.GetProperty("senderId").GetString() == member.Id)
            {
                return; // the sender's own device hears of its message too; only other members' deliveries count
            }

            if (recorder.Value is { } measuring && sentAt.TryGetValue(message.GetProperty("clientMessageId").GetString()!, out var sent))
            {
                measuring.RecordInterval("delivery", Stopwatch.GetElapsedTime(sent));
                measuring.Add("messagesDelivered", 1);
            }
        });
        await connection.StartAsync(cancellationToken);
        await connection.InvokeAsync("Heartbeat", cancellationToken); // registered once this returns
        return connection;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, Uri uri, Member member) =>
        new(method, uri) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", member.AccessToken) } };

    private sealed record Member(string Id, string AccessToken);

    private sealed record Conversation(string Id, Member[] Members);

    private sealed class ClientSet : IAsyncDisposable
    {
        private readonly ConcurrentBag<HubConnection> _connections = [];

        public int Count => _connections.Count;

        public void Add(HubConnection connection) => _connections.Add(connection);

        public async ValueTask DisposeAsync() => await Task.WhenAll(_connections.Select(c => c.DisposeAsync().AsTask()));
    }
}
