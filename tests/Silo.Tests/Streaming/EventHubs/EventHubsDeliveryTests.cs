using System.Globalization;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Grains.Search;
using Instagram.Grains.Users;
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
        var author = Random.Shared.NextInt64(1L << 40, 1L << 50);
        var follower = author + 1;
        var followerName = $"ehfollower{follower}";
        var posts = Enumerable.Range(1, PostsBeforeRestart).Select(i => author * 100 + i).ToArray();
        var fanOutPartition = hub.PartitionOf(FollowerPages.Key(author, 0));

        var first = await EventHubsTestCluster.StartAsync(serviceId, hub: serviceId);
        try
        {
            var grains = first.Client;
            await grains.GetGrain<IUserGrain>(author).CreateAsync(new NewAccount($"ehauthor{author}", $"a{author}@example.com", "hash", null));
            await grains.GetGrain<IUserGrain>(follower).CreateAsync(new NewAccount(followerName, $"f{follower}@example.com", "hash", "Event Hubs Follower"));
            await grains.GetGrain<IFollowingGrain>(follower).FollowAsync(author);

            await grains.GetGrain<IFanOutProducerGrain>(author).PublishAsync(posts);

            // The fan-out consumer: the follower page read its stream from the hub and pushed every post to the feed.
            var feed = grains.GetGrain<IFeedGrain>(follower);
            await Eventually.TrueAsync(async () => (await feed.GetDiagnosticsAsync()).PushedItemsReceived >= PostsBeforeRestart,
                $"{PostsBeforeRestart} pushed posts", TimeSpan.FromSeconds(30));
            Assert.Equal(PostsBeforeRestart, (await feed.GetDiagnosticsAsync()).PushedItemsReceived);

            // The indexer: the follower's UserEvent went through the hub to the search indexer, which wrote PostgreSQL.
            await Eventually.TrueAsync(async () =>
                    (await grains.GetGrain<ISearchGrain>(0).SearchUsersAsync(author, followerName, 5)).Any(hit => hit.User.Id == follower),
                "the follower indexed for search", TimeSpan.FromSeconds(30));

            // Nothing read yet had a checkpoint: every receiver of this first deployment started at the start of its partition.
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
        var second = await EventHubsTestCluster.StartAsync(serviceId, hub: serviceId);
        try
        {
            var marker = author * 100 + PostsBeforeRestart + 1;
            await second.Client.GetGrain<IFanOutProducerGrain>(author).PublishAsync([marker]);

            var feed = second.Client.GetGrain<IFeedGrain>(follower);
            await Eventually.TrueAsync(async () => (await feed.GetDiagnosticsAsync()).PushedItemsReceived >= 1, "the post published after the restart",
                TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1)); // room for a replay to show, were there one

            // Resumed at the checkpoint: the partition is read from near its end, not from its start. Orleans reads a
            // checkpointed offset inclusively, so at-least-once allows the one event at the checkpoint to come again.
            var resumedAt = hub.ReceiversStarted.Skip(receiversBefore).Single(started => started.Partition == fanOutPartition).Offset;
            Assert.NotEqual(InMemoryPartitionReceiver.StartOfStream, resumedAt);
            Assert.InRange(long.Parse(resumedAt, CultureInfo.InvariantCulture), fanOutEventsBefore - 1, fanOutEventsBefore);
            Assert.InRange((await feed.GetDiagnosticsAsync()).PushedItemsReceived, 1, 2);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
