using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Web.Tests.Infrastructure;

/// <summary>
/// The web client on the Cluster profile: a silo on the local PostgreSQL, Redis and Azurite, and the Api as its cluster
/// client on a real port. Uploads go from the browser straight to Azurite, so the blob service must allow the Api's
/// origin (CORS), as the Bicep does for the real storage account.
/// </summary>
public sealed class ClusterWebFixture : WebFixture
{
    private readonly string _clusterId = "web-cluster-" + Guid.NewGuid().ToString("N");
    private ClusterSiloHost? _silo;

    public override async Task InitializeAsync()
    {
        _silo = await ClusterSiloHost.StartAsync(Settings());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    protected override WebApiFactory CreateApi()
    {
        var api = new WebApiFactory(Settings());
        api.AddSetting(BrowserUploadOrigin, api.BaseUrl);
        return api;
    }

    /// <summary>The setting naming the origins the blob service lets browsers upload from.</summary>
    private const string BrowserUploadOrigin = "Media:BrowserUploadOrigins:0";

    private Dictionary<string, string?> Settings() => new()
    {
        ["Orleans:Profile"] = "Cluster",
        ["Orleans:ClusterId"] = _clusterId,
        ["Orleans:ServiceId"] = _clusterId,
        ["ConnectionStrings:Postgres"] = ClusterSiloHost.RequiredConnectionString("Postgres"),
        ["ConnectionStrings:Redis"] = ClusterSiloHost.RequiredConnectionString("Redis"),
        ["ConnectionStrings:Blobs"] = ClusterSiloHost.RequiredConnectionString("Blobs"),
    };
}

[CollectionDefinition(Name)]
public sealed class ClusterWebCollection : ICollectionFixture<ClusterWebFixture>
{
    public const string Name = "Web client, Cluster profile";
}
