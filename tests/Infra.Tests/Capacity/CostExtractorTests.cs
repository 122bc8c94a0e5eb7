using Instagram.LoadTest.Capacity;
using static Instagram.Infra.Tests.Capacity.ResultFileWriter;

namespace Instagram.Infra.Tests.Capacity;

/// <summary>Per-action costs from result files: counter ÷ operations per run, the median of the newest runs, sources named.</summary>
public sealed class CostExtractorTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    private readonly ResultFileWriter _files = new();

    private static object EmbeddedFeedRead(double cpuSeconds) => Scenario("feed-read",
        Ours(10, 1_000, new() { ["read"] = 10_000 }, cpuSeconds, null, new()
        {
            ["activations"] = 5_000, ["activations.FeedGrain"] = 100, ["activations.PostGrain"] = 2_000, ["activations.MediaGrain"] = 2_000,
            ["bytesPerActivation"] = 2_000,
        }),
        Baseline(10, 500, new() { ["serverCpuSeconds"] = 1 }));

    private MeasuredCosts Extract(string target = "cluster", int newest = 5)
    {
        var problems = new List<string>();
        var runs = ResultRun.Load([_files.Folder.FullName], problems);
        Assert.Empty(problems);
        return new CostExtractor(runs, target, newest).Extract();
    }

    [Fact]
    public void ACostIsTheRunsCounterDividedByItsOperationsAndItsFileIsNamed()
    {
        _files.Write("embedded-1.json", Day, "embedded", EmbeddedFeedRead(cpuSeconds: 5));
        _files.Write("cluster-1.json", Day, "cluster",
            Scenario("fanout", Ours(10, 5_000, new() { ["publish"] = 500 }, 1, serverCpuSeconds: 4, new()
            {
                ["deliveries"] = 50_000, ["meanFollowersPerPost"] = 100, ["pg.rowWrites"] = 3_000, ["pg.cpuSeconds"] = 2, ["redis.commands"] = 1_500,
            }), Baseline(10, 20_000, new() { ["serverCpuSeconds"] = 2 })),
            Scenario("follow", Ours(10, 100, new() { ["follow"] = 1_000, ["unfollow"] = 1_000 }, 1, serverCpuSeconds: 1)));

        var costs = Extract();

        var delivery = costs.Cost(MeasuredCosts.Delivery).SiloCoreSeconds!.Value;
        Assert.Equal(4.0 / 50_000, delivery.Value, 12);
        Assert.Contains("cluster-1.json", delivery.Source, StringComparison.Ordinal);
        Assert.Contains("serverCpuSeconds", delivery.Source, StringComparison.Ordinal);
        Assert.Equal(6, costs.Cost(MeasuredCosts.Post).PostgresRowWrites!.Value.Value, 12);
        Assert.Equal(0.004, costs.Cost(MeasuredCosts.Post).PostgresCoreSeconds!.Value.Value, 12);
        Assert.Equal(3, costs.Cost(MeasuredCosts.Post).RedisCommands!.Value.Value, 12);
        Assert.Equal(0.0005, costs.Cost(MeasuredCosts.GraphChange).SiloCoreSeconds!.Value.Value, 12);
        Assert.Equal(100, costs.FollowersPerPostMeasured!.Value.Value);
        // The baseline's fan-out: two commands per delivery over redis-server's CPU.
        Assert.Equal(2 * 20_000 * 10 / 2.0, costs.RedisCommandsPerCoreSecond.Value, 6);
    }

    [Fact]
    public void WithoutAClusterRunTheEmbeddedProcessCpuStandsInAndSaysSo()
    {
        _files.Write("embedded-1.json", Day, "embedded", EmbeddedFeedRead(cpuSeconds: 5));

        var read = Extract().Cost(MeasuredCosts.FeedRead).SiloCoreSeconds!.Value;

        Assert.Equal(5.0 / 10_000, read.Value, 12);
        Assert.Contains("upper bound", read.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void AClusterRunWithoutTheSilosCpuDoesNotCount()
    {
        _files.Write("embedded-1.json", Day, "embedded", EmbeddedFeedRead(cpuSeconds: 5));
        _files.Write("cluster-1.json", Day.AddHours(1), "cluster",
            Scenario("feed-read", Ours(10, 1_000, new() { ["read"] = 10_000 }, 3, serverCpuSeconds: null)));

        Assert.Contains("embedded-1.json", Extract().Cost(MeasuredCosts.FeedRead).SiloCoreSeconds!.Value.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMedianOfTheNewestRunsIsTaken()
    {
        var cpu = new[] { 100.0, 1, 2, 3 }; // the oldest run is far off and must drop out with --runs 3
        for (var i = 0; i < cpu.Length; i++)
        {
            _files.Write($"embedded-{i}.json", Day.AddHours(i), "embedded", EmbeddedFeedRead(cpu[i]));
        }

        var read = Extract(newest: 3).Cost(MeasuredCosts.FeedRead).SiloCoreSeconds!.Value;

        Assert.Equal(2.0 / 10_000, read.Value, 12);
        Assert.DoesNotContain("embedded-0.json", read.Source, StringComparison.Ordinal);
        Assert.StartsWith("median of 3", read.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryFiguresComeFromTheFeedReadRunsActivations()
    {
        _files.Write("embedded-1.json", Day, "embedded", EmbeddedFeedRead(cpuSeconds: 5));

        var costs = Extract();

        Assert.Equal(2_000, costs.BytesPerActivation.Value);
        Assert.Equal(10, costs.ActivationsPerOnlineUser.Value);    // (5,000 − 4,000 content grains) ÷ 100 feeds
    }

    [Fact]
    public void WhatNoRunMeasuredFallsBackToAPublishedFigureThatSaysWhere()
    {
        _files.Write("embedded-1.json", Day, "embedded", EmbeddedFeedRead(cpuSeconds: 5));

        var costs = Extract();

        Assert.Equal(Fallbacks.FullFeedGrainBytes, costs.FullFeedGrainBytes);
        Assert.Equal(Fallbacks.PostgresRowWritesPerPost, costs.Cost(MeasuredCosts.Post).PostgresRowWrites);
        Assert.Contains("README.md", costs.ApiCoreSecondsPerRequest.Source, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
