using Instagram.Grains.Common;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Infrastructure;

/// <summary>
/// One two-silo test cluster shared by a whole collection, wired with the same AddInstagramGrains() and profile
/// providers as production. The celebrity threshold is lowered so tests can cross it cheaply. Derived fixtures
/// choose the profile; the tests are written once against this base.
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    public const int CelebrityThreshold = 40;
    public const int MessagePageSize = 8;
    public const int InboxRecent = 3;

    public static readonly TimeSpan StoryLifetime = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan StoryPurgeDelay = TimeSpan.FromSeconds(4);

    private readonly Lazy<TestCluster> _cluster;

    protected ClusterFixture() => _cluster = new(CreateCluster);

    public TestCluster Cluster => _cluster.Value;

    public IGrainFactory Grains => Cluster.Client;

    public IdGenerator Ids { get; } = new(IdGenerator.MaxGeneratorId);

    /// <summary>Stable for the fixture's lifetime: storage rows are keyed by it, so a restarted cluster finds them.</summary>
    public string ServiceId { get; } = "grain-tests-" + Guid.NewGuid().ToString("N");

    public virtual Task InitializeAsync() => Cluster.DeployAsync();

    public virtual async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A cluster with this fixture's settings; tests that restart everything build a second one.</summary>
    public TestCluster CreateCluster(short silos = 2, string? serviceId = null)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId ?? ServiceId;
        builder.Properties["Feed:CelebrityThreshold"] = CelebrityThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Feed:CelebrityCacheTtl"] = "00:00:00.200";
        builder.Properties["Media:LocalPath"] = Path.Combine(Path.GetTempPath(), "instagram-grain-tests");
        // Stories live seconds, and the expiry reminder fires a few seconds after the expiry, so tests can see
        // both that reads hide an expired story on their own and that the reminder then purges it.
        builder.Properties["Stories:Lifetime"] = StoryLifetime.ToString();
        builder.Properties["Stories:PurgeDelay"] = StoryPurgeDelay.ToString();
        // No caching of explore and reels rankings and candidate scores, and fast trending and watch-time flushes: tests see changes at once.
        builder.Properties["Discovery:ExploreCacheTtl"] = "00:00:00";
        builder.Properties["Discovery:CandidateRefresh"] = "00:00:00";
        builder.Properties["Discovery:TrendingFlushInterval"] = "00:00:00.100";
        builder.Properties["Discovery:ReelsCacheTtl"] = "00:00:00";
        builder.Properties["Discovery:WatchFlushInterval"] = "00:00:00.100";
        // Small message pages, dedup windows and inbox recent sets: a few messages cross every boundary.
        builder.Properties["Messages:PageSize"] = MessagePageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Messages:DedupWindowPerSender"] = "4";
        builder.Properties["Messages:InboxRecent"] = InboxRecent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Messages:InboxArchivePageSize"] = "2";
        builder.AddSiloBuilderConfigurator<FaultInjection.SiloSetup>();
        Configure(builder);
        builder.AddSiloBuilderConfigurator<StorageWrites.SiloSetup>();
        return builder.Build();
    }

    private TestCluster CreateCluster() => CreateCluster(2);

    protected abstract void Configure(TestClusterBuilder builder);
}
