using Instagram.Grains.Discovery;
using Instagram.Grains.Feed;

namespace Instagram.Grains.Tests.Discovery;

public sealed class RankingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TrendingScoreDecaysWithAgeAndIgnoresUsesOutsideTheWindow()
    {
        var window = TimeSpan.FromHours(1);
        Assert.Equal(1.0, TrendingScore.Of([Now], Now, window), 6);
        Assert.Equal(0.5, TrendingScore.Of([Now.AddMinutes(-15)], Now, window), 6);
        Assert.Equal(0.0, TrendingScore.Of([Now.AddMinutes(-61)], Now, window), 6);
        Assert.Equal(1.5, TrendingScore.Of([Now, Now.AddMinutes(-15), Now.AddHours(-2)], Now, window), 6);
    }

    [Fact]
    public void RankedScoreWeighsAffinityRecencyAndEngagementAndKeepsItsOrderOverTime()
    {
        var halfLife = TimeSpan.FromHours(12);
        var closeFriendOld = FeedRanker.Score(5, Now.AddHours(-12), 10, 2, Now, halfLife);
        var strangerNew = FeedRanker.Score(0, Now, 0, 0, Now, halfLife);
        Assert.True(closeFriendOld > strangerNew);
        Assert.Equal(0.5, FeedRanker.Score(0, Now.AddHours(-12), 0, 0, Now, halfLife), 6);

        var later = Now.AddDays(3);
        Assert.True(FeedRanker.Score(5, Now.AddHours(-12), 10, 2, later, halfLife) > FeedRanker.Score(0, Now, 0, 0, later, halfLife));
    }
}
