using Azure.Storage.Blobs;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Silo.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Media;

/// <summary>
/// The Cluster profile with media in Blob Storage (Azurite, from infra/local/services.sh): one silo host, and one Api
/// that joins it as a cluster client, both with the media test settings. Upload slots are SAS URLs to Azurite.
/// </summary>
public sealed class BlobMediaApiFixture : IAsyncLifetime
{
    private readonly string _clusterId = "media-blob-" + Guid.NewGuid().ToString("N");
    private ClusterSiloHost? _silo;

    public BlobMediaApiFactory Api { get; private set; } = null!;

    public IGrainFactory Grains => Api.Services.GetRequiredService<IGrainFactory>();

    public BlobContainerClient Container { get; } = new(Required("Blobs"), BlobMediaStore.ContainerName);

    public async Task InitializeAsync()
    {
        _silo = await ClusterSiloHost.StartAsync(Settings());

        Api = new BlobMediaApiFactory(Settings());
        _ = Api.Server;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    private Dictionary<string, string?> Settings() => new(MediaApiFactory.MediaSettings)
    {
        ["Orleans:Profile"] = "Cluster",
        ["Orleans:ClusterId"] = _clusterId,
        ["Orleans:ServiceId"] = _clusterId,
        ["ConnectionStrings:Postgres"] = Required("Postgres"),
        ["ConnectionStrings:Redis"] = Required("Redis"),
        ["ConnectionStrings:Blobs"] = Required("Blobs"),
        ["RateLimits:Enabled"] = "false",
    };

    private static string Required(string name) => ClusterSiloHost.RequiredConnectionString(name);
}

/// <summary>The Api of <see cref="BlobMediaApiFixture"/>: a cluster client serving media from Blob Storage.</summary>
public sealed class BlobMediaApiFactory(IDictionary<string, string?> settings) : ApiFactory
{
    protected override IDictionary<string, string?> Settings => settings;
}

[CollectionDefinition(Name)]
public sealed class BlobMediaCollection : ICollectionFixture<BlobMediaApiFixture>
{
    public const string Name = "Media on Blob Storage";
}
