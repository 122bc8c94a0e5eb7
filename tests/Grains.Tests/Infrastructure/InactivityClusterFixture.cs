using Instagram.Silo.Hosting;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Infrastructure;

/// <summary>
/// A one-silo Embedded cluster where followers count as inactive after <see cref="InactiveAfter"/> (seconds rather
/// than days), so a test can watch fan-out skip them.
/// </summary>
public sealed class InactivityClusterFixture : ClusterFixture
{
    public static readonly TimeSpan InactiveAfter = TimeSpan.FromSeconds(4);

    public override Task InitializeAsync() => Task.CompletedTask; // started by the test that uses it

    public TestCluster Start() => CreateCluster(silos: 1);

    protected override void Configure(TestClusterBuilder builder)
    {
        builder.Properties["Feed:InactiveAfter"] = InactiveAfter.ToString();
        builder.Properties["Feed:ActivityRecordInterval"] = "00:00:00.250";
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddSiloBuilderConfigurator<FaultInjection.SiloSetup>();
        builder.AddSiloBuilderConfigurator<GrainCalls.SiloSetup>();
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddInstagramGrains().AddEmbeddedProviders();
    }
}
