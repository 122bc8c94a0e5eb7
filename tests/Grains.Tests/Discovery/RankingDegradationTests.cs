using Instagram.Grains.Affinity;
using Instagram.Grains.Common;
using Instagram.Grains.Discovery;
using Instagram.Grains.Feed;
using Instagram.Grains.Tests.Infrastructure;

namespace Instagram.Grains.Tests.Discovery;

/// <summary>
/// Seed 003's graceful degradation: when the viewer's affinities cannot be read, the ranked feed falls back to recency
/// and engagement, and explore to what is trending; both still answer, and say they are degraded.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class RankingDegradationTests(EmbeddedClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);

    [Fact]
    public async Task TheRankedFeedWithoutAffinitiesServesItsPostsAndSaysItIsDegraded()
    {
        var author = await _scenario.CreateUserAsync();
        var reader = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(reader, author);
        var post = await _scenario.PublishAsync(author);
        await _scenario.AssertInFeedsExactlyOnceAsync([reader], post);
        var affinity = fixture.Grains.GetGrain<IAffinityGrain>(reader).GetGrainId();
        var feed = fixture.Grains.GetGrain<IFeedGrain>(reader);

        FaultInjection.FailOnceBefore(affinity, nameof(IAffinityGrain.GetScoresAsync));
        var degraded = await feed.GetPageAsync(PageRequest.First(20), FeedOrder.Ranked);
        var normal = await feed.GetPageAsync(PageRequest.First(20), FeedOrder.Ranked);

        Assert.False(FaultInjection.IsRefusalArmed(affinity, nameof(IAffinityGrain.GetScoresAsync))); // the read met the failure
        Assert.True(degraded.Degraded);
        Assert.Contains(post, degraded.Items.Select(p => p.Post.Id));
        Assert.False(normal.Degraded);
        Assert.Contains(post, normal.Items.Select(p => p.Post.Id));
    }

    [Fact]
    public async Task ExploreWithoutAffinitiesShowsWhatIsTrendingAndSaysItIsDegraded()
    {
        var someone = await _scenario.CreateUserAsync();
        var viewer = await _scenario.CreateUserAsync();
        var post = await _scenario.PublishAsync(someone);
        var explore = fixture.Grains.GetGrain<IExploreGrain>(viewer);
        await Eventually.TrueAsync(async () => (await explore.GetPageAsync(PageRequest.First(100))).Items.Any(p => p.Post.Id == post), "the post in explore");
        var affinity = fixture.Grains.GetGrain<IAffinityGrain>(viewer).GetGrainId();

        FaultInjection.FailOnceBefore(affinity, nameof(IAffinityGrain.GetScoresAsync));
        var degraded = await explore.GetPageAsync(PageRequest.First(100));

        Assert.False(FaultInjection.IsRefusalArmed(affinity, nameof(IAffinityGrain.GetScoresAsync)));
        Assert.True(degraded.Degraded);
        Assert.Contains(post, degraded.Items.Select(p => p.Post.Id));
        Assert.False((await explore.GetPageAsync(PageRequest.First(100))).Degraded);
    }
}
