using Instagram.Api.Infrastructure.Errors;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Operations;

public sealed class LogThrottleTests
{
    [Fact]
    public void ABurstGivesOneLineThenOneLinePerIntervalCarryingTheCountOfTheRest()
    {
        var clock = new ManualClock();
        var throttle = new LogThrottle(TimeSpan.FromSeconds(10), clock);

        Assert.True(throttle.ShouldLog(out var first));
        var logged = Enumerable.Range(0, 99).Count(_ => throttle.ShouldLog(out _));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(throttle.ShouldLog(out var later));
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(0, first);
        Assert.Equal(0, logged); // the other 99 of the burst
        Assert.Equal(99, later);
        Assert.False(throttle.ShouldLog(out _));
    }
}
