using Instagram.Api.Infrastructure.SharedState;

namespace Instagram.Api.Tests.Infrastructure.SharedState;

/// <summary>The Embedded profile's idempotency records expire from memory too, not only from view.</summary>
public sealed class InMemoryIdempotencyStoreTests
{
    [Fact]
    public async Task ExpiredRecordsAreSweptAsNewOnesArrive()
    {
        var clock = new ManualClock();
        var store = new InMemoryIdempotencyStore(clock);
        for (var i = 0; i < 1_500; i++)
        {
            await store.TryBeginAsync($"old:{i}", "fp", TimeSpan.FromMinutes(1));
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 1_000; i++)
        {
            await store.TryBeginAsync($"new:{i}", "fp", TimeSpan.FromMinutes(1));
        }

        Assert.True(store.Count <= 1_000, $"{store.Count} records held; the 1,500 expired ones should be gone");
        Assert.Equal(IdempotencyState.InProgress, (await store.TryBeginAsync("new:1", "fp", TimeSpan.FromMinutes(1))).State);
    }
}
