using System.Globalization;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Silo.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Instagram.Silo.Tests.Streaming.EventHubs;

/// <summary>
/// A Cluster-profile silo with <c>Streams:Provider=EventHubs</c>: Orleans' Event Hubs provider with our data adapter
/// and grain-storage checkpoints in PostgreSQL, on an in-memory hub (see <see cref="InMemoryEventHubAdapterFactory"/>),
/// delivering into the product's own consumers.
/// </summary>
[Trait("Category", "Services")]
public sealed class EventHubsDeliveryTests
{
    private const int PostsBeforeRestart = 20;

    [Fact]
    public async Task EventsReachTheFanOutAndTheIndexerAndARestartedClusterResumesFromTheCheckpoint()
    {
        var serviceId = $"eventhubs-tests-{Guid.NewGuid():N}";
        var hub = InMemoryEventHub.Named(serviceId, EventHubsTestCluster.PartitionCount);
        var scenario = new FanOutScenario();
        var fanOutPartition = hub.PartitionOf(FollowerPages.Key(scenario.Author, 0));

        var first = await EventHubsTestCluster.StartOnInMemoryHubAsync(serviceId, hub: serviceId);
        try
        {
            await scenario.CreateUsersAndFollowAsync(first.Client);
            await scenario.PublishAsync(first.Client, scenario.Posts(1, PostsBeforeRestart));

            // The fan-out consumer: the follower page read its stream from the hub and pushed every post to the feed.
            Assert.Equal(PostsBeforeRestart, await scenario.AwaitPushesAsync(first.Client, PostsBeforeRestart));
            // The indexer: the follower's UserEvent went through the hub to the search indexer, which wrote PostgreSQL.
            await scenario.AwaitFollowerIndexedAsync(first.Client);
            // Nothing had a checkpoint yet: every receiver of this first deployment started at the start of its partition.
            Assert.All(hub.ReceiversStarted, started => Assert.Equal(InMemoryPartitionReceiver.StartOfStream, started.Offset));
        }
        finally
        {
            // Graceful: each partition's receiver writes its latest position before it closes.
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var fanOutEventsBefore = hub.Length(fanOutPartition);
        var receiversBefore = hub.ReceiversStarted.Count;
        var second = await EventHubsTestCluster.StartOnInMemoryHubAsync(serviceId, hub: serviceId);
        try
        {
            await scenario.PublishAsync(second.Client, scenario.Posts(PostsBeforeRestart + 1, 1));
            await scenario.AwaitPushesAsync(second.Client, 1);
            await Task.Delay(TimeSpan.FromSeconds(1)); // room for a replay to show, were there one

            // Resumed at the checkpoint: the partition is read from its end, not from its start (which would push all
            // 21 posts again). Orleans reads a checkpointed offset inclusively, so at-least-once lets the one event at
            // the checkpoint come again.
            var resumedAt = hub.ReceiversStarted.Skip(receiversBefore).Single(started => started.Partition == fanOutPartition).Offset;
            Assert.NotEqual(InMemoryPartitionReceiver.StartOfStream, resumedAt);
            Assert.InRange(long.Parse(resumedAt, CultureInfo.InvariantCulture), fanOutEventsBefore - 1, fanOutEventsBefore);
            Assert.InRange((await second.Client.GetGrain<IFeedGrain>(scenario.Follower).GetDiagnosticsAsync()).PushedItemsReceived, 1, 2);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
