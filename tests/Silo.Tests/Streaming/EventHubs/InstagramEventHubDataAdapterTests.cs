using Azure.Messaging.EventHubs;
using Instagram.Grains.Common;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Silo.Streaming.EventHubs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;

namespace Instagram.Silo.Tests.Streaming.EventHubs;

/// <summary>
/// Our payloads through the data adapter the way the provider moves them: written as an Event Hubs event, stamped by
/// the broker, encoded into Orleans' queue cache, read back as a batch, and copied to another silo as a grain call would.
/// </summary>
public sealed class InstagramEventHubDataAdapterTests
{
    private static readonly Serializer Serializer =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private readonly InstagramEventHubDataAdapter _adapter = new(Serializer);
    private readonly StreamId _stream = StreamId.Create(StreamNamespaces.FanOut, FollowerPages.Key(4242, 0));

    [Fact]
    public void EventsAndRequestContextRoundTripWithTheirStreamAndPosition()
    {
        FanOutCommand[] sent = [new(new FeedItem(1, 4242, FeedItemKind.Added)), new(new FeedItem(2, 4242, FeedItemKind.Removed))];

        var batch = ThroughTheHub(sent, new Dictionary<string, object> { ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });

        Assert.Equal(_stream, batch.StreamId);
        var received = batch.GetEvents<FanOutCommand>().ToList();
        Assert.Equal(sent, received.Select(e => e.Item1));
        var tokens = received.Select(e => Assert.IsType<EventHubSequenceTokenV2>(e.Item2)).ToList();
        Assert.All(tokens, token => Assert.Equal(("1024", 17L), (token.EventHubOffset, token.SequenceNumber)));
        Assert.Equal([0, 1], tokens.Select(token => token.EventIndex));

        RequestContext.Clear();
        Assert.True(batch.ImportRequestContext());
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", RequestContext.Get("traceparent"));
        RequestContext.Clear();
    }

    [Fact]
    public void AConsumerOfAnotherTypeGetsNothingInsteadOfAFault()
    {
        var batch = ThroughTheHub<object>([new FanOutCommand(new FeedItem(1, 4242, FeedItemKind.Added)), "not a command"], requestContext: null);

        var commands = batch.GetEvents<FanOutCommand>().ToList();
        Assert.Single(commands);
        Assert.Equal(0, commands[0].Item2.EventIndex);
        Assert.Equal(1, Assert.Single(batch.GetEvents<string>()).Item2.EventIndex); // indexes count every event of the batch
        Assert.Empty(batch.GetEvents<int>());
        Assert.False(batch.ImportRequestContext());
    }

    [Fact]
    public void ABatchSurvivesTheCopyToAnotherSilo()
    {
        var batch = ThroughTheHub([new FanOutCommand(new FeedItem(7, 4242, FeedItemKind.Added))], requestContext: null);

        var copy = Serializer.Deserialize<IBatchContainer>(Serializer.SerializeToArray<IBatchContainer>(batch))!;

        Assert.Equal(batch.StreamId, copy.StreamId);
        Assert.Equal(batch.SequenceToken, copy.SequenceToken);
        Assert.Equal(7, Assert.Single(copy.GetEvents<FanOutCommand>()).Item1.Item.PostId);
    }

    private IBatchContainer ThroughTheHub<T>(IEnumerable<T> events, Dictionary<string, object>? requestContext)
    {
        var sent = _adapter.ToQueueMessage(_stream, events, token: null, requestContext);
        // What the broker hands a receiver: the body and properties as sent, plus the partition key and a position.
        var received = EventHubsModelFactory.EventData(
            eventBody: sent.EventBody,
            properties: sent.Properties,
            partitionKey: _adapter.GetPartitionKey(_stream),
            offsetString: "1024",
            sequenceNumber: 17,
            enqueuedTime: DateTimeOffset.UtcNow);
        var cached = _adapter.FromQueueMessage(_adapter.GetStreamPosition("partition-0", received), received, DateTime.UtcNow,
            size => new ArraySegment<byte>(new byte[size]));
        return _adapter.GetBatchContainer(ref cached);
    }
}
