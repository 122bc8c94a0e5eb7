using Instagram.Silo.Tests.Infrastructure;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Instagram.Silo.Tests.Streaming;

/// <summary>End to end: a cluster client produces, implicitly subscribed grains on a two-silo cluster consume.</summary>
[Trait("Category", "Services")]
[Collection(RedisStreamsClusterCollection.Name)]
public sealed class RedisStreamsClusterTests(RedisStreamsClusterFixture fixture)
{
    private TestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task AConsumerReceivesAThousandEventsOfOneStreamInTheOrderTheyWereSent()
    {
        const int count = 1_000;
        var key = Guid.NewGuid();
        var stream = Producer().GetStream<int>(StreamId.Create(StreamRecorderGrain.Namespace, key));

        for (var i = 0; i < count; i++)
        {
            await stream.OnNextAsync(i);
        }

        var recorder = Cluster.Client.GetGrain<IStreamRecorderGrain>(key);
        await Eventually.TrueAsync(async () => (await recorder.GetRecordingAsync()).Values.Count >= count,
            $"{count} events on one stream", TimeSpan.FromSeconds(30));

        var recording = await recorder.GetRecordingAsync();
        Assert.Equal(Enumerable.Range(0, count), recording.Values);
        Assert.Equal(0, recording.TokensOutOfOrder);
    }

    [Fact]
    public async Task EventsOnTwoHundredStreamsAllArriveEachStreamInOrder()
    {
        const int streams = 200;
        const int perStream = 5;
        var keys = Enumerable.Range(0, streams).Select(_ => Guid.NewGuid()).ToArray();
        var provider = Producer();

        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, _) =>
        {
            var stream = provider.GetStream<int>(StreamId.Create(StreamRecorderGrain.Namespace, key));
            for (var i = 0; i < perStream; i++)
            {
                await stream.OnNextAsync(i);
            }
        });

        var recorders = keys.Select(key => Cluster.Client.GetGrain<IStreamRecorderGrain>(key)).ToArray();
        await Eventually.TrueAsync(async () =>
        {
            var recordings = await Task.WhenAll(recorders.Select(recorder => recorder.GetRecordingAsync()));
            return recordings.All(recording => recording.Values.Count >= perStream);
        }, $"{perStream} events on each of {streams} streams", TimeSpan.FromSeconds(30));

        foreach (var recorder in recorders)
        {
            Assert.Equal(Enumerable.Range(0, perStream), (await recorder.GetRecordingAsync()).Values);
        }
    }

    [Fact]
    public async Task EventsProducedAsOneBatchArriveOneByOneInBatchOrder()
    {
        var key = Guid.NewGuid();
        var stream = Producer().GetStream<int>(StreamId.Create(StreamRecorderGrain.Namespace, key));

        await stream.OnNextBatchAsync([10, 11, 12]);
        await stream.OnNextAsync(13);

        var recorder = Cluster.Client.GetGrain<IStreamRecorderGrain>(key);
        await Eventually.TrueAsync(async () => (await recorder.GetRecordingAsync()).Values.Count >= 4, "a batch and one event");

        var recording = await recorder.GetRecordingAsync();
        Assert.Equal([10, 11, 12, 13], recording.Values);
        Assert.Equal(0, recording.TokensOutOfOrder);
    }

    [Fact]
    public async Task DeliveredEventsAreAcknowledgedInRedisSoNothingStaysPending()
    {
        var key = Guid.NewGuid();
        var stream = Producer().GetStream<int>(StreamId.Create(StreamRecorderGrain.Namespace, key));
        for (var i = 0; i < 50; i++)
        {
            await stream.OnNextAsync(i);
        }

        var recorder = Cluster.Client.GetGrain<IStreamRecorderGrain>(key);
        await Eventually.TrueAsync(async () => (await recorder.GetRecordingAsync()).Values.Count >= 50, "50 events");

        await Eventually.TrueAsync(async () => await PendingEntriesAsync() == 0, "no pending entries in the consumer group", TimeSpan.FromSeconds(10));
    }

    private async Task<long> PendingEntriesAsync()
    {
        var database = await RedisTestEnvironment.GetDatabaseAsync();
        long pending = 0;
        foreach (var server in database.Multiplexer.GetServers().Where(server => server.IsConnected && !server.IsReplica))
        {
            await foreach (var streamKey in server.KeysAsync(pattern: fixture.KeyPrefix + ":*"))
            {
                foreach (var group in await database.StreamGroupInfoAsync(streamKey))
                {
                    pending += group.PendingMessageCount;
                }
            }
        }

        return pending;
    }

    private IStreamProvider Producer() => Cluster.Client.GetStreamProvider(RedisStreamsClusterFixture.ProviderName);
}
