using Instagram.LoadTest.Capacity;

namespace Instagram.Infra.Tests.Capacity;

/// <summary>The model's arithmetic with round inputs: 86.4 M DAU makes "per user per day" read as thousands per second.</summary>
public sealed class CapacityModelTests
{
    private static readonly TrafficMix Mix = new()
    {
        DailyActiveUsers = new(86_400_000, "test"),
        FeedOpensPerUserPerDay = new(10, "test"),
        PostsPerUserPerDay = new(0.5, "test"),
        LikesPerUserPerDay = new(4, "test"),
        GraphChangesPerUserPerDay = new(1, "test"),
        PeakFactor = new(2, "test"),
        ConcurrentShareOfDau = new(0.1, "test"),
        MediaBytesPerUpload = new(1_000_000, "test"),
        ActiveFollowerShare = new(0.5, "test"),
        FollowersPerPost = new(100, "test"),
    };

    private static readonly Deployment Machines = new()
    {
        SiloCores = new(8, "test"),
        SiloMemoryBytes = new(10e9, "test"),
        ActivationMemoryShare = new(0.5, "test"),
        ApiCores = new(4, "test"),
        PostgresCoresPerServer = new(16, "test"),
        TargetUtilisation = new(0.5, "test"),
    };

    private static MeasuredCosts Costs(Func<string, OperationCost>? cost = null) => new()
    {
        PerOperation = MeasuredCosts.Operations.ToDictionary(op => op, op => (cost ?? Uniform)(op)),
        BytesPerActivation = new(1_000, "test"),
        ActivationsPerOnlineUser = new(3, "test"),
        FullFeedGrainBytes = new(20_000, "test"),
        ApiCoreSecondsPerRequest = new(0.0001, "test"),
        ApiRequestsPerPost = new(3, "test"),
        PostgresRowWritesPerCoreSecond = new(5_000, "test"),
        RedisCommandsPerCoreSecond = new(100_000, "test"),
    };

    private static OperationCost Uniform(string operation) => new(operation)
    {
        SiloCoreSeconds = new(0.001, $"silo {operation}"),
        PostgresRowWrites = new(2, $"pg {operation}"),
        RedisCommands = new(3, $"redis {operation}"),
        StoredBytes = new(100, $"bytes {operation}"),
    };

    [Fact]
    public void PeakRatesAreDailyActionsSpreadOverTheDayTimesThePeakFactor()
    {
        var plan = CapacityModel.Compute(Mix, Costs(), Machines);

        Assert.Equal(20_000, plan.Value("feed reads/s at peak"), 6);          // 1,000/s per action per user-day × 10 × 2
        Assert.Equal(1_000, plan.Value("posts/s at peak"), 6);
        Assert.Equal(50_000, plan.Value("deliveries/s at peak"), 6);          // posts × 100 followers × half of them active
        Assert.Equal(2_000, plan.Value("follows + unfollows/s at peak"), 6);
        Assert.Equal(8_000, plan.Value("likes/s at peak"), 6);
    }

    [Fact]
    public void SiloCpuIsEveryRateTimesItsCostAtTheTargetUtilisation()
    {
        var plan = CapacityModel.Compute(Mix, Costs(), Machines);

        // (20,000 + 1,000 + 50,000 + 2,000 + 8,000)/s × 1 ms = 81 cores busy, planned at 50 % → 162, in 8-core silos → 21.
        Assert.Equal(162, plan.Value("silo cores at peak"), 6);
        Assert.Equal(21, plan.Value("silos for CPU"));
    }

    [Fact]
    public void MemoryCountsTheFeedsAndGrainsOfEveryoneOnlineAndTheDaysPosts()
    {
        var plan = CapacityModel.Compute(Mix, Costs(), Machines);

        Assert.Equal(8_640_000, plan.Value("online users at peak"), 6);
        Assert.Equal(22_000, plan.Value("activation memory per online user"), 6);   // a full feed + 2 more grains of 1,000 B
        Assert.Equal(190.08e9, plan.Value("user activation memory at peak"), 0);
        Assert.Equal(86.4e9, plan.Value("content activation memory"), 0);         // 43.2 M posts × 2 grains × 1,000 B
        Assert.Equal(56, plan.Value("silos for memory"));                          // 276.48 GB in 5 GB per silo
        Assert.Equal(56, plan.Value("silos"));
    }

    [Fact]
    public void ApiPostgresAndRedisScaleWithTheirOwnPerActionFigures()
    {
        var plan = CapacityModel.Compute(Mix, Costs(), Machines);

        Assert.Equal(33_000, plan.Value("api requests/s at peak"), 6);            // 20,000 + 1,000 × 3 + 2,000 + 8,000
        Assert.Equal(6.6, plan.Value("api cores at peak"), 6);
        Assert.Equal(2, plan.Value("api instances"));
        Assert.Equal(162_000, plan.Value("postgresql row writes/s at peak"), 6);  // 81,000 actions/s × 2 rows
        Assert.Equal(64.8, plan.Value("postgresql cores at peak"), 6);            // ÷ 5,000 writes per core-second ÷ 0.5
        Assert.Equal(5, plan.Value("postgresql servers (or Citus workers)"));
        Assert.Equal(243_000, plan.Value("redis commands/s at peak"), 6);
        Assert.Equal(5, plan.Value("redis shards"));                               // 2.43 cores ÷ 0.5 → 4.86
    }

    [Fact]
    public void MeasuredServerCpuIsUsedInsteadOfConvertingRowWrites()
    {
        var plan = CapacityModel.Compute(Mix, Costs(op => Uniform(op) with { PostgresCoreSeconds = new(0.0005, "measured") }), Machines);

        Assert.Equal(81, plan.Value("postgresql cores at peak"), 6);              // 81,000/s × 0.5 ms ÷ 0.5
    }

    [Fact]
    public void StorageGrowthIsADayOfActionsNotAPeakDay()
    {
        var plan = CapacityModel.Compute(Mix, Costs(), Machines);

        // 40.5 M actions/s-equivalent at the average: (10 + 0.5 + 25 + 1 + 4) per user × 86.4 M users × 100 B.
        Assert.Equal(40.5 * 86_400_000 * 100, plan.Value("postgresql growth per day"), 0);
        Assert.Equal(43.2e12, plan.Value("media growth per day"), 0);
    }

    [Fact]
    public void AnUnmeasuredCostIsNamedAndLeftOutRatherThanGuessed()
    {
        var plan = CapacityModel.Compute(Mix, Costs(op => op == MeasuredCosts.Like ? Uniform(op) with { SiloCoreSeconds = null } : Uniform(op)), Machines);

        Assert.Equal(146, plan.Value("silo cores at peak"), 6);                   // the 8,000 likes/s are not counted
        Assert.Contains(plan.Missing, m => m.Contains("silo CPU of a like", StringComparison.Ordinal));
    }

    [Fact]
    public void CostDriversShareOutEachResource()
    {
        var plan = CapacityModel.Compute(Mix, Costs(), Machines);

        var silo = plan.Drivers.Where(d => d.Resource == "silo CPU").ToList();
        Assert.Equal(1, silo.Sum(d => d.Share), 6);
        Assert.Equal(MeasuredCosts.Delivery, silo.MaxBy(d => d.Amount)!.Operation);
        Assert.Equal(50.0 / 81, silo.Single(d => d.Operation == MeasuredCosts.Delivery).Share, 6);
        Assert.Equal(190.08 / 276.48, plan.Drivers.Single(d => d.Resource == "silo memory" && d.Operation == "online users' grains").Share, 6);
    }

    [Fact]
    public void EveryLineNamesWhereItsNumbersCameFrom()
    {
        var plan = CapacityModel.Compute(Mix, Costs(), Machines);

        Assert.Contains("silo delivery", plan.Line("silo cores at peak").Sources.Single(s => s.StartsWith("delivery", StringComparison.Ordinal)));
        Assert.All(plan.Lines.Where(l => l.Section == CapacityModel.Rates), l => Assert.NotEmpty(l.Sources));
    }
}
