using Instagram.Grains.Common;
using Instagram.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Infrastructure;

/// <summary>The Embedded profile's providers: memory storage, memory streams, in-memory reminders.</summary>
public sealed class EmbeddedClusterFixture : ClusterFixture
{
    protected override void Configure(TestClusterBuilder builder)
    {
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<ClientSetup>();
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddInstagramGrains().AddEmbeddedProviders();
    }

    private sealed class ClientSetup : IClientBuilderConfigurator
    {
        // The client produces on the same stream provider, so tests can replay a feed item.
        public void Configure(IConfiguration configuration, IClientBuilder client) => client.AddMemoryStreams(ProviderNames.Streams);
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedCollection : ICollectionFixture<EmbeddedClusterFixture>
{
    public const string Name = "Grain cluster, Embedded profile";
}
