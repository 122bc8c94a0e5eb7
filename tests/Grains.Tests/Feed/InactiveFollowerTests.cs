using Instagram.Grains.Graph;
using Instagram.Grains.Common;
using Instagram.Grains.Feed;
using Instagram.Grains.Tests.Infrastructure;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Feed;

/// <summary>Fan-out pushes to active followers only; an inactive one's feed is not even activated, and is complete when they return.</summary>
public sealed class InactiveFollowerTests : IAsyncLifetime
{
    private readonly InactivityClusterFixture _fixture = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = _fixture.Start();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task InactiveFollowersAreNeitherPushedToNorActivatedAndSeeThePostWhenTheyReturn()
    {
        var grains = _cluster.Client;
        var scenario = new Scenario(grains, _fixture.Ids);
        var author = await scenario.CreateUserAsync();
        var active = await scenario.CreateUserAsync();
        var inactive = await scenario.CreateUserAsync();
        await scenario.FollowAsync(active, author);
        await scenario.FollowAsync(inactive, author);

        // The inactive follower's feed leaves memory, and both followers go quiet for longer than InactiveAfter.
        await grains.GetGrain<IFeedGrain>(inactive).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.TrueAsync(async () => !await IsActivatedAsync(grains, inactive), "inactive follower's feed deactivated");
        await Task.Delay(InactivityClusterFixture.InactiveAfter + TimeSpan.FromMilliseconds(500));
        await scenario.ReadWholeFeedAsync(active); // reading makes this one active again (written beside the read)
        await ActivityRecordedAsync(grains, active);

        var postId = await scenario.PublishAsync(author);

        await scenario.AssertInFeedsExactlyOnceAsync([active], postId);
        Assert.Equal(1, (await grains.GetGrain<IFeedGrain>(active).GetDiagnosticsAsync()).PushedItemsReceived);
        Assert.False(await IsActivatedAsync(grains, inactive), "a fan-out activated an inactive follower's feed");

        // Returning, the inactive follower's very first read has the post (pulled, not pushed), once.
        var feed = await scenario.ReadWholeFeedAsync(inactive);
        Assert.Equal(1, feed.Count(id => id == postId));
        Assert.Equal(0, (await grains.GetGrain<IFeedGrain>(inactive).GetDiagnosticsAsync()).PushedItemsReceived);

        // And now active again, the next post is pushed to them.
        await ActivityRecordedAsync(grains, inactive);
        var next = await scenario.PublishAsync(author);
        await scenario.AssertInFeedsExactlyOnceAsync([inactive], next);
        Assert.Equal(1, (await grains.GetGrain<IFeedGrain>(inactive).GetDiagnosticsAsync()).PushedItemsReceived);
    }

    [Fact]
    public async Task APostFannedOutWhileAReturningReadersActivityIsWrittenReachesThemByAPull()
    {
        var grains = _cluster.Client;
        var scenario = new Scenario(grains, _fixture.Ids);
        var author = await scenario.CreateUserAsync();
        var returning = await scenario.CreateUserAsync();
        await scenario.FollowAsync(returning, author);
        var feed = grains.GetGrain<IFeedGrain>(returning);
        await feed.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(InactivityClusterFixture.InactiveAfter + TimeSpan.FromMilliseconds(500));

        // The writes to the follower pages are held back: the read answers without them, and a post fanned out
        // meanwhile still finds the reader inactive, so it is not pushed.
        var slowWrites = TimeSpan.FromSeconds(3);
        FaultInjection.DelayOnce(grains.GetGrain<IFollowingGrain>(returning).GetGrainId(), nameof(IFollowingGrain.RecordActivityAsync), slowWrites);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await scenario.ReadWholeFeedAsync(returning);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < slowWrites, "the first read waited for the activity writes");
        Assert.True((await feed.GetDiagnosticsAsync()).RecordingActivity);
        var postId = await scenario.PublishAsync(author);

        await ActivityRecordedAsync(grains, returning);
        await scenario.AssertInFeedsExactlyOnceAsync([returning], postId);
        Assert.Equal(0, (await feed.GetDiagnosticsAsync()).PushedItemsReceived); // it came by the pull after the writes
    }

    [Fact]
    public async Task FollowersReturningTogetherMarkTheirPageInFewCallsAndAreAllPushedToAgain()
    {
        var grains = _cluster.Client;
        var scenario = new Scenario(grains, _fixture.Ids);
        var author = await scenario.CreateUserAsync();
        var followers = await scenario.CreateUsersAsync(ClusterFixture.CelebrityThreshold - 1); // pushed, not pulled
        await scenario.FollowAllAsync(followers, author);
        await Task.Delay(InactivityClusterFixture.InactiveAfter + TimeSpan.FromMilliseconds(500));
        var returnedAfter = DateTimeOffset.UtcNow;

        // The page's first mark is held back, as a slow store would: the marks of the others gather meanwhile. (Briefly:
        // the marks carry the time of the reads, and the post below must reach the page within InactiveAfter of it.)
        var page = grains.GetGrain<IFollowerPageGrain>(FollowerPages.Key(author, 0));
        FaultInjection.DelayOnce(page.GetGrainId(), nameof(IFollowerPageGrain.MarkActiveAsync), TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(followers.Select(follower => scenario.ReadWholeFeedAsync(follower)));
        foreach (var follower in followers)
        {
            await ActivityRecordedAsync(grains, follower);
        }

        var calls = GrainCalls.Of(page.GetGrainId(), nameof(IFollowerPageGrain.MarkActiveAsync));
        Assert.InRange(calls, 1, followers.Length / 2);
        var edges = await page.GetBeforeAsync(long.MaxValue, 100);
        Assert.Equal(followers.Order(), edges.Select(edge => edge.FollowerId).Order());
        Assert.All(edges, edge => Assert.True(edge.LastActiveAt >= returnedAfter, $"follower {edge.FollowerId} still inactive"));

        var postId = await scenario.PublishAsync(author);
        await scenario.AssertInFeedsExactlyOnceAsync(followers, postId);
        foreach (var follower in followers)
        {
            Assert.Equal(1, (await grains.GetGrain<IFeedGrain>(follower).GetDiagnosticsAsync()).PushedItemsReceived);
        }
    }

    private static Task ActivityRecordedAsync(IGrainFactory grains, long userId) =>
        Eventually.TrueAsync(async () => !(await grains.GetGrain<IFeedGrain>(userId).GetDiagnosticsAsync()).RecordingActivity,
            "the reader's activity written to the follower pages");

    private static async Task<bool> IsActivatedAsync(IGrainFactory grains, long userId)
    {
        var feedGrainId = grains.GetGrain<IFeedGrain>(userId).GetGrainId();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Any(s => s.GrainId == feedGrainId);
    }
}
