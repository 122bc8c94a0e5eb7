using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Auth;

/// <summary>
/// The Api on a real Kestrel socket with the auth limits switched on and low, so client addresses are real TCP
/// peers. Linux routes all of 127.0.0.0/8 to loopback, so a test picks its address by binding the client socket to
/// 127.0.0.x; 127.0.0.2 plays the trusted reverse proxy.
/// </summary>
public sealed class ForwardingApiFactory : Infrastructure.ApiFactory
{
    public const int AuthLimit = 6;
    public const int FreeLoginAttempts = 3;
    public const int GeneralLimit = 40;
    public const int UploadLimit = 3;
    public static readonly IPAddress TrustedProxy = IPAddress.Parse("127.0.0.2");

    private int _nextAddress = 10;

    public ForwardingApiFactory() => UseKestrel(0);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:Auth:PermitLimit"] = AuthLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:LoginBackoff:FreeAttempts"] = FreeLoginAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:LoginBackoff:BaseLockout"] = "00:00:01",
        ["RateLimits:LoginBackoff:MaxLockout"] = "00:00:02",
        ["TrustedProxies:Addresses:0"] = TrustedProxy.ToString(),
        ["RateLimits:General:PermitLimit"] = GeneralLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Uploads:PermitLimit"] = UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public override Task InitializeAsync()
    {
        StartServer();
        return Task.CompletedTask;
    }

    /// <summary>A fresh loopback address no other test uses, so each test has its own per-address budget.</summary>
    public IPAddress NewClientAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return new IPAddress([127, 0, (byte)(n / 250), (byte)((n % 250) + 3)]);
    }

    /// <summary>An HTTP client whose connections come from <paramref name="source"/>.</summary>
    public HttpClient ClientFrom(IPAddress source)
    {
        var handler = new SocketsHttpHandler
        {
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.Latin1, // lets a test send non-ASCII (and not UTF-8) header bytes
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }
}

/// <summary>One forwarding Api for every class that needs it: each test takes fresh client addresses, so budgets never meet.</summary>
[CollectionDefinition(Name)]
public sealed class ForwardingCollection : ICollectionFixture<ForwardingApiFactory>
{
    public const string Name = "Forwarding Api";
}
