using Instagram.Silo.Tests.Infrastructure;

namespace Instagram.Silo.Tests.Streaming.EventHubs;

/// <summary>
/// The same deployment on a real Event Hubs namespace: Orleans' receiver and producer against the service, our data
/// adapter, checkpoints in the local PostgreSQL. Skipped when no namespace is configured (see <see cref="RealEventHubsFactAttribute"/>).
/// </summary>
[Trait("Category", "Services")]
[Trait("Category", "EventHubs")]
public sealed class EventHubsRealNamespaceTests
{
    [RealEventHubsFact]
    public async Task EventsReachTheFanOutAndTheIndexerOnARealHubAndStillFlowAfterARestart()
    {
        var serviceId = $"eventhubs-real-{Guid.NewGuid():N}";
        var scenario = new FanOutScenario();

        var first = await EventHubsTestCluster.StartOnRealHubAsync(serviceId);
        try
        {
            // StartFromNow: a receiver that opens after these are sent would skip them, so let the receivers open first.
            await Task.Delay(TimeSpan.FromSeconds(5));
            await scenario.CreateUsersAndFollowAsync(first.Client);
            await scenario.PublishAsync(first.Client, scenario.Posts(1, 5));

            Assert.Equal(5, await scenario.AwaitPushesAsync(first.Client, 5));
            await scenario.AwaitFollowerIndexedAsync(first.Client);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await EventHubsTestCluster.StartOnRealHubAsync(serviceId);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await scenario.PublishAsync(second.Client, scenario.Posts(6, 1));

            // From the checkpoint: the new post, and at most the one event at the checkpoint again.
            Assert.InRange(await scenario.AwaitPushesAsync(second.Client, 1), 1, 2);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
