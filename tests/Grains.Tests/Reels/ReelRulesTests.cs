using Instagram.Grains.Media;
using Instagram.Grains.Reels;

namespace Instagram.Grains.Tests.Reels;

public sealed class ReelRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("video", 1080, 1920, 12_000, MediaStatus.Ready, null)]
    [InlineData("video", 1080, 1920, 90_000, MediaStatus.Ready, null)]
    [InlineData("image", 1080, 1920, 0, MediaStatus.Ready, "a video")]
    [InlineData("video", 1920, 1080, 12_000, MediaStatus.Ready, "vertical")]
    [InlineData("video", 1080, 1080, 12_000, MediaStatus.Ready, "vertical")]
    [InlineData("video", 1080, 1920, 90_001, MediaStatus.Ready, "at most 90 s")]
    [InlineData("image", 0, 0, 0, MediaStatus.Processing, null)] // judged once it is ready
    public void AReelIsOneVerticalVideoOfAtMostNinetySeconds(string type, int width, int height, int durationMs, MediaStatus status, string? rule)
    {
        var url = "/media/1/x";
        var media = new MediaView(1, type, width, height, new MediaVariants(url, url, url, url), status,
            Video: type == MediaView.VideoType ? new VideoPlayback(durationMs, url, url) : null);
        var violation = ReelRules.Violation(media);
        if (rule is null)
        {
            Assert.Null(violation);
        }
        else
        {
            Assert.Contains(rule, violation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WatchTimeVelocityAndAffinityEachRaiseAReel()
    {
        var created = Now.AddHours(-2);
        var plain = ReelRanker.Score(1, 0, created, 0, Now);
        Assert.True(ReelRanker.Score(1, 600_000, created, 0, Now) > plain);
        Assert.True(ReelRanker.Score(5, 0, created, 0, Now) > plain);
        Assert.True(ReelRanker.Score(1, 0, created, 2, Now) > plain);

        // The same watch time counts for more on a newer reel (it is watch time per hour).
        Assert.True(ReelRanker.Score(1, 600_000, Now.AddHours(-1), 0, Now) > ReelRanker.Score(1, 600_000, Now.AddHours(-10), 0, Now));
    }
}
