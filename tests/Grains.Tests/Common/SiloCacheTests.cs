using Instagram.Grains.Common;

namespace Instagram.Grains.Tests.Common;

public sealed class SiloCacheTests
{
    private readonly ManualClock _clock = new();
    private int _loads;

    private Task<string> Load(int key)
    {
        _loads++;
        return Task.FromResult($"v{key}:{_loads}");
    }

    [Fact]
    public async Task AFreshValueIsServedWithoutLoadingAgain()
    {
        var cache = new SiloCache<int, string>("test", TimeSpan.FromSeconds(1), 100, _clock);
        var first = await cache.GetAsync(1, Load);
        _clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(first, await cache.GetAsync(1, Load));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task AnExpiredValueIsLoadedAgain()
    {
        var cache = new SiloCache<int, string>("test", TimeSpan.FromSeconds(1), 100, _clock);
        await cache.GetAsync(1, Load);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("v1:2", await cache.GetAsync(1, Load));
    }

    [Fact]
    public async Task AnEvictedValueIsLoadedAgainAtOnce()
    {
        var cache = new SiloCache<int, string>("test", TimeSpan.FromMinutes(1), 100, _clock);
        await cache.GetAsync(1, Load);
        cache.Evict(1);
        Assert.Equal("v1:2", await cache.GetAsync(1, Load));
    }

    [Fact]
    public async Task ConcurrentMissesShareOneLoad()
    {
        var cache = new SiloCache<int, string>("test", TimeSpan.FromSeconds(1), 100, _clock);
        var source = new TaskCompletionSource<string>();
        var calls = 0;
        Task<string> Slow(int _)
        {
            calls++;
            return source.Task;
        }

        var a = cache.GetAsync(1, Slow);
        var b = cache.GetAsync(1, Slow);
        source.SetResult("loaded");
        Assert.Equal(["loaded", "loaded"], await Task.WhenAll(a, b));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AFailedLoadIsNotKept()
    {
        var cache = new SiloCache<int, string>("test", TimeSpan.FromMinutes(1), 100, _clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(1, _ => Task.FromException<string>(new InvalidOperationException())));
        Assert.Equal("v1:1", await cache.GetAsync(1, Load));
    }

    [Fact]
    public async Task ALifetimeOfZeroTurnsTheCacheOff()
    {
        var cache = new SiloCache<int, string>("test", TimeSpan.Zero, 100, _clock);
        await cache.GetAsync(1, Load);
        await cache.GetAsync(1, Load);
        Assert.Equal(2, _loads);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task TheCacheNeverGrowsPastItsCapacity()
    {
        var cache = new SiloCache<int, string>("test", TimeSpan.FromMinutes(1), 10, _clock);
        for (var key = 0; key < 100; key++)
        {
            await cache.GetAsync(key, Load);
            Assert.True(cache.Count <= 10, $"{cache.Count} entries after {key + 1} keys");
        }
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
