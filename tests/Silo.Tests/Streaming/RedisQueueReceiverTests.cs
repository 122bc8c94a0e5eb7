using Instagram.Silo.Streaming.RedisStreams;
using Instagram.Silo.Tests.Infrastructure;
using Orleans.Streams;
using Xunit.Abstractions;

namespace Instagram.Silo.Tests.Streaming;

/// <summary>
/// The receiver against a real Redis, without a cluster: what a pulling agent sees when silos crash, restart
/// and hand queues over. "Delivered" below means the receiver was told so (MessagesDeliveredAsync), which is
/// when it acknowledges the entries in Redis.
/// </summary>
[Trait("Category", "Services")]
public sealed class RedisQueueReceiverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Tiny = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Forever = TimeSpan.FromHours(1);

    private readonly RedisQueueHarness _harness = new("receiver");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task MessagesReadByAReceiverThatDiedBeforeDeliveringReachTheNextReceiverNoneLostAndAckedOnesNeverAgain()
    {
        var factory = _harness.CreateFactory(claimIdleTime: Tiny);
        var sent = await _harness.ProduceAsync(factory, 100);

        // Receiver A reads part of the queue and dies mid-delivery: no MessagesDeliveredAsync, no Shutdown.
        var crashed = await _harness.StartReceiverAsync(factory, "silo-a/0");
        var readByCrashed = RedisQueueHarness.ValuesOf(await RedisQueueHarness.ReadAsync(crashed, maxCount: 40)).ToList();
        Assert.Equal(sent.Take(40), readByCrashed);

        // Receiver B (another silo) takes the queue over.
        var survivor = await _harness.StartReceiverAsync(factory, "silo-b/0");
        var consumer = new IdempotentConsumer();
        consumer.Receive(readByCrashed);
        var readBySurvivor = new List<int>();
        await Eventually.TrueAsync(async () =>
        {
            var batches = await RedisQueueHarness.ReadAsync(survivor);
            var values = RedisQueueHarness.ValuesOf(batches).ToList();
            readBySurvivor.AddRange(values);
            consumer.Receive(values);
            await survivor.MessagesDeliveredAsync(batches, CancellationToken.None);
            return consumer.Distinct.IsSupersetOf(sent);
        }, "every message despite the crash", TimeSpan.FromSeconds(10));

        output.WriteLine($"received {consumer.Received} events for {sent.Length} sent: {consumer.Duplicates} duplicates " +
                         $"(the {readByCrashed.Count} the crashed receiver had read are delivered again: at least once)");
        Assert.Equal(sent.Order(), consumer.Distinct.Order());
        // The claimed backlog comes before newer entries, so B alone sees the queue in order.
        Assert.Equal(sent, readBySurvivor);

        // Acknowledged entries are gone for good: neither B nor a further receiver gets them again.
        await Task.Delay(Tiny * 3);
        Assert.Empty(await RedisQueueHarness.ReadAsync(survivor));
        var late = await _harness.StartReceiverAsync(factory, "silo-c/0");
        Assert.Empty(await RedisQueueHarness.ReadAsync(late));
        Assert.Empty(await RedisQueueHarness.ReadAsync(late));
        Assert.Equal(0, await _harness.PendingCountAsync(factory));
    }

    [Fact]
    public async Task DeliveredMessagesAreNotReadAgainAfterARestartUnderTheSameConsumerName()
    {
        var factory = _harness.CreateFactory(claimIdleTime: Tiny);
        var sent = await _harness.ProduceAsync(factory, 20);

        var first = await _harness.StartReceiverAsync(factory, "silo-a/0");
        var batches = await RedisQueueHarness.ReadAsync(first);
        Assert.Equal(sent, RedisQueueHarness.ValuesOf(batches));
        await first.MessagesDeliveredAsync(batches, CancellationToken.None);
        await first.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);

        var restarted = await _harness.StartReceiverAsync(factory, "silo-a/0");
        await Task.Delay(Tiny * 2);
        Assert.Empty(await RedisQueueHarness.ReadAsync(restarted));
        Assert.Empty(await RedisQueueHarness.ReadAsync(restarted));

        var more = await _harness.ProduceAsync(factory, 5);
        Assert.Equal(more, RedisQueueHarness.ValuesOf(await RedisQueueHarness.ReadAsync(restarted)));
    }

    [Fact]
    public async Task UndeliveredMessagesAreReadAgainFirstAfterARestartUnderTheSameConsumerName()
    {
        // Claiming takes an hour here, so whatever comes back comes from the consumer's own backlog.
        var factory = _harness.CreateFactory(claimIdleTime: Forever, batchSize: 8);
        var sent = await _harness.ProduceAsync(factory, 20);
        var crashed = await _harness.StartReceiverAsync(factory, "silo-a/0");
        Assert.Equal(sent, await ReadAllAsync(crashed, expected: 20));

        var later = await _harness.ProduceAsync(factory, 5);
        var restarted = await _harness.StartReceiverAsync(factory, "silo-a/0");
        Assert.Equal(sent.Concat(later), await ReadAllAsync(restarted, expected: 25));
    }

    [Fact]
    public async Task AReceiverThatShutsDownHandsItsUndeliveredMessagesToTheNextOwnerAtOnceAndInOrder()
    {
        var owner = _harness.CreateFactory(claimIdleTime: Forever);
        var next = _harness.CreateFactory(claimIdleTime: Forever);
        var old = await _harness.ProduceAsync(owner, 10);
        var leaving = await _harness.StartReceiverAsync(owner, "silo-a/0");
        Assert.Equal(old, RedisQueueHarness.ValuesOf(await RedisQueueHarness.ReadAsync(leaving)));
        var newer = await _harness.ProduceAsync(owner, 5);

        // While the old owner still holds entries, the new one does not overtake them with newer ones.
        var taking = await _harness.StartReceiverAsync(next, "silo-b/0");
        Assert.Empty(await RedisQueueHarness.ReadAsync(taking));

        await leaving.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(old.Concat(newer), await ReadAllAsync(taking, expected: 15));
    }

    [Fact]
    public async Task AClaimedMessageOlderThanWhatWasAlreadyHandedOutIsAppendedAgainSoTokensStayOrdered()
    {
        var claimIdle = TimeSpan.FromSeconds(1);
        var factory = _harness.CreateFactory(claimIdleTime: claimIdle, batchSize: 5);
        var reader = await _harness.StartReceiverAsync(factory, "silo-b/0");
        Assert.Empty(await RedisQueueHarness.ReadAsync(reader)); // finds nobody else's entries pending; looks again in a second

        var sent = await _harness.ProduceAsync(factory, 10);
        var other = await _harness.StartReceiverAsync(factory, "silo-a/0");
        Assert.Equal(sent.Take(5), RedisQueueHarness.ValuesOf(await RedisQueueHarness.ReadAsync(other)));
        var first = await RedisQueueHarness.ReadAsync(reader);
        Assert.Equal(sent.Skip(5), RedisQueueHarness.ValuesOf(first));

        // "other" dies; its older entries become claimable behind what "reader" already handed out.
        await Task.Delay(claimIdle + TimeSpan.FromMilliseconds(200));
        var batches = new List<IBatchContainer>(first);
        await Eventually.TrueAsync(async () =>
        {
            batches.AddRange(await RedisQueueHarness.ReadAsync(reader));
            return batches.Count >= sent.Length;
        }, "the claimed entries, appended again", TimeSpan.FromSeconds(10));

        Assert.Equal(sent.Order(), RedisQueueHarness.ValuesOf(batches).Order());
        var tokens = batches.Select(batch => batch.SequenceToken).ToList();
        Assert.All(tokens.Zip(tokens.Skip(1)), pair => Assert.True(pair.First.CompareTo(pair.Second) < 0, $"{pair.First} before {pair.Second}"));
    }

    [Fact]
    public async Task TokensFollowTheEntryIdsAndNumberTheEventsOfABatch()
    {
        var factory = _harness.CreateFactory(claimIdleTime: Tiny);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("tokens", Guid.NewGuid());
        await adapter.QueueMessageBatchAsync(stream, new object[] { 1, "two", 3 }, null, null);
        await adapter.QueueMessageBatchAsync(stream, [4], null, null);

        var reader = await _harness.StartReceiverAsync(factory, "silo-a/0");
        var batches = await RedisQueueHarness.ReadAsync(reader);

        Assert.Equal(2, batches.Count);
        Assert.All(batches, batch => Assert.Equal(stream, batch.StreamId));
        var ints = batches[0].GetEvents<int>().ToList();
        Assert.Equal([1, 3], ints.Select(item => item.Item1));
        Assert.Equal([0, 2], ints.Select(item => item.Item2.EventIndex)); // indexes count the string too
        Assert.Equal("two", Assert.Single(batches[0].GetEvents<string>()).Item1);
        Assert.True(batches[0].SequenceToken.CompareTo(batches[1].SequenceToken) < 0);
        Assert.True(ints[0].Item2.CompareTo(ints[1].Item2) < 0);
        var token = Assert.IsType<RedisStreamsSequenceToken>(batches[1].SequenceToken);
        Assert.Matches("^[0-9]+-[0-9]+$", token.EntryId);
    }

    private static async Task<List<int>> ReadAllAsync(RedisQueueAdapterReceiver receiver, int expected)
    {
        var values = new List<int>();
        await Eventually.TrueAsync(async () =>
        {
            values.AddRange(RedisQueueHarness.ValuesOf(await RedisQueueHarness.ReadAsync(receiver)));
            return values.Count >= expected;
        }, $"{expected} messages", TimeSpan.FromSeconds(10));
        return values;
    }

    /// <summary>A consumer that tolerates redelivery: it counts duplicates instead of applying them twice.</summary>
    private sealed class IdempotentConsumer
    {
        public HashSet<int> Distinct { get; } = [];

        public int Received { get; private set; }

        public int Duplicates => Received - Distinct.Count;

        public void Receive(IEnumerable<int> values)
        {
            foreach (var value in values)
            {
                Received++;
                Distinct.Add(value);
            }
        }
    }
}
