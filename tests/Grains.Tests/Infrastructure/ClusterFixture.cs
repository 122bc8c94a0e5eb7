using Instagram.Grains.Common;
using Instagram.Silo.Hosting;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Infrastructure;

/// <summary>
/// One two-silo test cluster for the whole grain suite, wired with the same AddInstagramGrains() and
/// AddEmbeddedProviders() as production. The celebrity threshold is lowered so tests can cross it cheaply.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int CelebrityThreshold = 40;

    public TestCluster Cluster { get; } = CreateCluster();

    public IGrainFactory Grains => Cluster.Client;

    public IdGenerator Ids { get; } = new(IdGenerator.MaxGeneratorId);

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static TestCluster CreateCluster()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Properties["Feed:CelebrityThreshold"] = CelebrityThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Feed:CelebrityCacheTtl"] = "00:00:00.200";
        builder.Properties["Media:LocalPath"] = Path.Combine(Path.GetTempPath(), "instagram-grain-tests");
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<ClientSetup>();
        return builder.Build();
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddInstagramGrains().AddEmbeddedProviders();
    }

    private sealed class ClientSetup : IClientBuilderConfigurator
    {
        // The client produces on the same memory stream provider, so tests can replay a feed item.
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.AddMemoryStreams(ProviderNames.Streams);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Grain cluster";
}
