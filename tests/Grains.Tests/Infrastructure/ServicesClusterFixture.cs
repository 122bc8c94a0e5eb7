using Instagram.Grains.Common;
using Instagram.Silo.Hosting;
using Instagram.Silo.Streaming.RedisStreams.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Infrastructure;

/// <summary>
/// The Cluster profile's providers on the real local services started by infra/local/services.sh: grain state and
/// reminders in PostgreSQL, streams on Redis. Membership is the test host's own.
/// </summary>
public sealed class ServicesClusterFixture : ClusterFixture
{
    public static string Setting(string name) =>
        Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")
        ?? throw new InvalidOperationException(
            $"ConnectionStrings__{name} is not set. Run the suite with 'bash tests/run.sh', which starts the services.");

    protected override void Configure(TestClusterBuilder builder)
    {
        builder.Properties["ConnectionStrings:Postgres"] = Setting("Postgres");
        builder.Properties["ConnectionStrings:Redis"] = Setting("Redis");
        builder.Properties["ConnectionStrings:Blobs"] = Setting("Blobs");
        // Short claim time: entries a killed silo read but never acknowledged are re-read within seconds.
        builder.Properties["RedisStreams:ClaimIdleTime"] = "00:00:03";
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<ClientSetup>();
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddInstagramGrains().AddClusterProviders(silo.Configuration);
            // Declare a killed silo dead within seconds, not the production default of tens of seconds.
            silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
            });
        }
    }

    private sealed class ClientSetup : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.AddRedisStreams(ProviderNames.Streams, options => options.ConnectionString = configuration.GetConnectionString("Redis")!);
    }
}

[CollectionDefinition(Name)]
public sealed class ServicesCollection : ICollectionFixture<ServicesClusterFixture>
{
    public const string Name = "Grain cluster, Cluster profile on real services";
}
