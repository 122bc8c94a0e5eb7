using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Instagram.Api.Tests.Realtime;

/// <summary>
/// An Embedded-profile Api for the hub's tests: heartbeats every second (offline after two missed), pushes coalesced
/// over two seconds, and a push seam that records.
/// </summary>
public sealed class RealtimeApiFactory : ApiFactory
{
    public RecordingPushSender Pushes { get; } = new();

    /// <summary>Short enough for presence to change within a test, long enough for a busy machine to keep up.</summary>
    public static IReadOnlyDictionary<string, string?> RealtimeSettings { get; } = new Dictionary<string, string?>
    {
        ["Realtime:HeartbeatInterval"] = "00:00:01",
        ["Realtime:MissedHeartbeatsBeforeOffline"] = "2",
        ["Realtime:ConnectionTimeout"] = "00:00:30",
        ["Realtime:PushCoalescingWindow"] = "00:00:02",
    };

    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings.Concat(RealtimeSettings));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPushNotificationSender>(Pushes));
    }
}

[CollectionDefinition(Name)]
public sealed class RealtimeCollection : ICollectionFixture<RealtimeApiFactory>
{
    public const string Name = "Realtime";
}
