using System.Globalization;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Api.Tests.Realtime;
using Instagram.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Cluster;

/// <summary>
/// A Cluster-profile deployment in miniature: one silo host on PostgreSQL and Redis (the local services), and two
/// Api instances that join it as cluster clients and share Redis for limits, idempotency and revocation.
/// </summary>
public sealed class ClusterApiFixture : IAsyncLifetime
{
    public const int PostLimit = 3;
    public const int MessageLimit = 20;
    public const int LoginFreeAttempts = 3;
    public const int FollowsPerHour = 3;

    /// <summary>Generator ids the three processes lease: exactly one each, none configured.</summary>
    public const int LeaseFirst = 100, LeaseLast = 102;

    private readonly string _clusterId = "api-cluster-" + Guid.NewGuid().ToString("N");
    private ClusterSiloHost? _silo;

    public ClusterSiloHost Silo => _silo!;

    public string ServiceId => _clusterId;

    public ClusterApiFactory First { get; private set; } = null!;

    public ClusterApiFactory Second { get; private set; } = null!;

    /// <summary>The silo's push seam.</summary>
    public RecordingPushSender Pushes { get; } = new();

    public async Task InitializeAsync()
    {
        _silo = await ClusterSiloHost.StartAsync(Settings(), services => services.AddSingleton<IPushNotificationSender>(Pushes));

        First = new ClusterApiFactory(Settings());
        Second = new ClusterApiFactory(Settings());
        _ = First.Server;
        _ = Second.Server;
    }

    /// <summary>A client of the second Api instance signed in as <paramref name="user"/> (who signed in on the first).</summary>
    public HttpClient OnSecondInstance(ApiClient user)
    {
        var http = Second.CreateClient();
        http.DefaultRequestHeaders.Authorization = user.Http.DefaultRequestHeaders.Authorization;
        return http;
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    public Dictionary<string, string?> Settings() => new(RealtimeApiFactory.RealtimeSettings)
    {
        ["Orleans:Profile"] = "Cluster",
        ["Orleans:ClusterId"] = _clusterId,
        ["Orleans:ServiceId"] = _clusterId,
        ["ConnectionStrings:Postgres"] = Required("Postgres"),
        ["ConnectionStrings:Redis"] = Required("Redis"),
        ["ConnectionStrings:Blobs"] = Required("Blobs"),
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:Posts:PermitLimit"] = PostLimit.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Messages:PermitLimit"] = MessageLimit.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Auth:PermitLimit"] = "1000",
        ["RateLimits:LoginBackoff:FreeAttempts"] = LoginFreeAttempts.ToString(CultureInfo.InvariantCulture),
        ["Abuse:Enabled"] = "true",
        ["Abuse:MaxFollowsPerHour"] = FollowsPerHour.ToString(CultureInfo.InvariantCulture),
        ["Ids:LeaseFirst"] = LeaseFirst.ToString(CultureInfo.InvariantCulture),
        ["Ids:LeaseLast"] = LeaseLast.ToString(CultureInfo.InvariantCulture),
        ["Admin:Usernames:0"] = ApiFactory.DefaultAdminUsername,
    };

    private static string Required(string name) => ClusterSiloHost.RequiredConnectionString(name);
}

/// <summary>The suites that share one <see cref="ClusterApiFixture"/>: starting it (a silo and two Api instances) is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterApiCollection : ICollectionFixture<ClusterApiFixture>
{
    public const string Name = "Api cluster on real services";
}

/// <summary>One Api instance in the Cluster profile: a cluster client, no co-hosted silo.</summary>
public sealed class ClusterApiFactory(IDictionary<string, string?> settings) : ApiFactory
{
    protected override IDictionary<string, string?> Settings => settings;
}

