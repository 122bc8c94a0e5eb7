using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Instagram.Api.Realtime;
using Instagram.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Instagram.Api.Tests.Realtime;

/// <summary>
/// One device on the hub of an in-memory Api: over WebSockets (token in the query string, as browsers send it) or
/// long polling (token in the Authorization header). Server events are queued per name for the test to take in order.
/// </summary>
public sealed class RealtimeClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly string[] EventNames =
        [RealtimeEventPayloads.Message, RealtimeEventPayloads.Read, RealtimeEventPayloads.Presence, RealtimeEventPayloads.Notification, RealtimeEventPayloads.Typing,
         RealtimeEventPayloads.MessageRemoved];

    private readonly ConcurrentDictionary<string, Channel<JsonElement>> _events = new();

    private RealtimeClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in EventNames)
        {
            connection.On<JsonElement>(name, payload => Events(name).Writer.TryWrite(payload));
        }
    }

    public HubConnection Connection { get; }

    public static HubConnection Build(ApiFactory api, string? accessToken, bool webSockets)
    {
        var server = api.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, RealtimeHub.Path), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult(accessToken);
                if (webSockets)
                {
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                    // A browser's WebSocket cannot carry headers: the token goes in the query string, as browsers send it.
                    options.WebSocketFactory = async (context, cancellationToken) => await server.CreateWebSocketClient().ConnectAsync(
                        accessToken is null ? context.Uri : new Uri(context.Uri + (context.Uri.Query.Length > 0 ? "&" : "?") + "access_token=" + Uri.EscapeDataString(accessToken)),
                        cancellationToken);
                }
                else
                {
                    options.Transports = HttpTransportType.LongPolling;
                    options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                }
            })
            .Build();
    }

    public static async Task<RealtimeClient> ConnectAsync(ApiFactory api, ApiClient user, bool webSockets = true)
    {
        var client = new RealtimeClient(Build(api, user.AccessToken, webSockets));
        await client.Connection.StartAsync();
        // The handshake completes before the server registers the connection; the first invocation runs after it.
        await client.HeartbeatAsync();
        return client;
    }

    public Task HeartbeatAsync() => Connection.InvokeAsync("Heartbeat");

    /// <summary>The next <paramref name="name"/> event that matches, skipping others of that name; fails after <see cref="Patience"/>.</summary>
    public async Task<JsonElement> NextAsync(string name, Func<JsonElement, bool>? matches = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var payload = await Events(name).Reader.ReadAsync(timeout.Token);
                if (matches?.Invoke(payload) ?? true)
                {
                    return payload;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No matching '{name}' event within {Patience.TotalSeconds} s.");
        }
    }

    /// <summary>Every <paramref name="name"/> event received so far and not yet taken.</summary>
    public List<JsonElement> Drain(string name)
    {
        var taken = new List<JsonElement>();
        while (Events(name).Reader.TryRead(out var payload))
        {
            taken.Add(payload);
        }

        return taken;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private Channel<JsonElement> Events(string name) => _events.GetOrAdd(name, _ => Channel.CreateUnbounded<JsonElement>());
}
