using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Instagram.Silo.Streaming.RedisStreams;
using Instagram.Silo.Tests.Infrastructure;

namespace Instagram.Silo.Tests.Streaming;

/// <summary>
/// The per-queue backlog and redelivery counts, as receivers on a real Redis record them while they read, acknowledge,
/// hand a queue over and restart.
/// </summary>
[Trait("Category", "Services")]
public sealed class RedisStreamsMetricsTests : IAsyncLifetime
{
    private static readonly TimeSpan Forever = TimeSpan.FromHours(1);

    private readonly RedisQueueHarness _harness = new("metrics");
    private readonly string _provider = "metrics-" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly MeterListener _listener = new();

    public Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RedisStreamsMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? provider = null, reason = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "provider": provider = tag.Value as string; break;
                    case "reason": reason = tag.Value as string; break;
                }
            }

            if (provider == _provider)
            {
                _totals.AddOrUpdate(reason is null ? instrument.Name : $"{instrument.Name}:{reason}", value, (_, total) => total + value);
            }
        });
        _listener.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task TheBacklogCountsWhatWasReadAndNotAcknowledgedAndHandedOverOrRereadEntriesCountAsRedeliveries()
    {
        // Claiming by idle time takes an hour: the only claims are of what a receiver released when it shut down.
        var factory = _harness.CreateFactory(claimIdleTime: Forever, provider: _provider);
        await _harness.ProduceAsync(factory, 30);

        var leaving = await _harness.StartReceiverAsync(factory, "silo-a/0");
        var read = await RedisQueueHarness.ReadAsync(leaving);
        Assert.Equal(30, read.Count);
        Assert.Equal(30, Total("instagram.stream.queue.backlog"));
        await leaving.MessagesDeliveredAsync([.. read.Take(10)], CancellationToken.None);
        Assert.Equal(20, Total("instagram.stream.queue.backlog"));
        Assert.Equal(0, Total("instagram.stream.queue.redeliveries:claim"));

        // Its 20 unacknowledged entries go to the next owner: no longer this receiver's backlog, but the taker's.
        await leaving.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(0, Total("instagram.stream.queue.backlog"));
        var taking = await _harness.StartReceiverAsync(factory, "silo-b/0");
        var claimed = await RedisQueueHarness.ReadAsync(taking);
        Assert.Equal(20, claimed.Count);
        Assert.Equal(20, Total("instagram.stream.queue.redeliveries:claim"));
        Assert.Equal(20, Total("instagram.stream.queue.backlog"));
        await taking.MessagesDeliveredAsync(claimed, CancellationToken.None);
        Assert.Equal(0, Total("instagram.stream.queue.backlog"));

        // New entries read and never acknowledged by a receiver that dies come back to its successor of the same name.
        await _harness.ProduceAsync(factory, 5);
        Assert.Equal(5, (await RedisQueueHarness.ReadAsync(taking)).Count);
        var restarted = await _harness.StartReceiverAsync(factory, "silo-b/0");
        Assert.Equal(5, (await RedisQueueHarness.ReadAsync(restarted)).Count);
        Assert.Equal(5, Total("instagram.stream.queue.redeliveries:restart"));
        Assert.Equal(20, Total("instagram.stream.queue.redeliveries:claim"));
    }

    private long Total(string key) => _totals.GetValueOrDefault(key);
}
