using System.Globalization;
using Azure.Messaging.EventHubs;
using Orleans.Streaming.EventHubs;

namespace Instagram.Silo.Tests.Infrastructure;

/// <summary>
/// Reads one partition of an <see cref="InMemoryEventHub"/> from where the provider says, with the semantics of Orleans'
/// real receiver: a checkpointed offset is read inclusively (EventPosition.FromOffset(offset, true)); without one
/// ("-1") it starts at the oldest event, or at the end when StartFromNow is set.
/// </summary>
public sealed class InMemoryPartitionReceiver : IEventHubReceiver
{
    /// <summary>What Orleans passes when a partition has no checkpoint (its internal EventHubConstants.StartOfStream).</summary>
    public const string StartOfStream = "-1";

    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(20);
    private readonly InMemoryEventHub _hub;
    private readonly string _partition;
    private long _next;

    public InMemoryPartitionReceiver(InMemoryEventHub hub, string partition, string offset, bool startFromNow)
    {
        _hub = hub;
        _partition = partition;
        _next = offset == StartOfStream
            ? (startFromNow ? hub.Length(partition) : 0)
            : long.Parse(offset, CultureInfo.InvariantCulture);
        hub.OnReceiverStarted(partition, offset);
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IEnumerable<EventData>> ReceiveAsync(int maxCount, TimeSpan waitTime) => ReceiveAsync(maxCount, waitTime, CancellationToken.None);

    public async Task<IEnumerable<EventData>> ReceiveAsync(int maxCount, TimeSpan waitTime, CancellationToken cancellationToken)
    {
        var events = _hub.Read(_partition, _next, maxCount);
        if (events.Count == 0)
        {
            // A real receiver waits up to waitTime for an event; a short wait keeps the tests' delivery latency low.
            await Task.Delay(IdleWait, cancellationToken);
            return [];
        }

        _next += events.Count;
        return events;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task CloseAsync() => Task.CompletedTask;

    public Task CloseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
