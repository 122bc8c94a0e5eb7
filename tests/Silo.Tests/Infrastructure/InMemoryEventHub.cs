using System.Collections.Concurrent;
using System.Globalization;
using Azure.Messaging.EventHubs;
using Orleans.Streaming.EventHubs.Testing;

namespace Instagram.Silo.Tests.Infrastructure;

/// <summary>
/// The stand-in for one event hub: per partition, an append-only log whose offsets and sequence numbers are the
/// event's position. It outlives the silos that write and read it (one per hub name in this process), so a test can
/// stop a cluster and start another on the same hub, as a real deployment restarts on the same Event Hubs namespace.
/// </summary>
public sealed class InMemoryEventHub
{
    private static readonly ConcurrentDictionary<string, InMemoryEventHub> Hubs = new();

    private readonly Dictionary<string, List<EventData>> _partitions;
    private readonly ConcurrentQueue<(string Partition, string Offset)> _receiversStarted = new();

    private InMemoryEventHub(int partitionCount) =>
        _partitions = EventDataGeneratorAdapterFactory.GenerateEventHubPartitions(partitionCount).ToDictionary(id => id, _ => new List<EventData>());

    public static InMemoryEventHub Named(string hubName, int partitionCount) => Hubs.GetOrAdd(hubName, _ => new InMemoryEventHub(partitionCount));

    public IReadOnlyCollection<string> PartitionIds => _partitions.Keys;

    /// <summary>Every receiver created on this hub, with the offset it was told to start at ("-1": no checkpoint).</summary>
    public IReadOnlyCollection<(string Partition, string Offset)> ReceiversStarted => _receiversStarted;

    /// <summary>
    /// Appends an event to the partition its key hashes to, stamped with what the broker would add (offset, sequence
    /// number, time), and returns that partition. The same key always lands on the same partition, as on Event Hubs.
    /// </summary>
    public string Append(string partitionKey, EventData sent)
    {
        var partition = PartitionOf(partitionKey);
        var log = _partitions[partition];
        lock (log)
        {
            long position = log.Count;
            log.Add(EventHubsModelFactory.EventData(
                eventBody: sent.EventBody,
                properties: sent.Properties,
                partitionKey: partitionKey,
                offsetString: position.ToString(CultureInfo.InvariantCulture),
                sequenceNumber: position,
                enqueuedTime: DateTimeOffset.UtcNow));
        }

        return partition;
    }

    /// <summary>The events of <paramref name="partition"/> from position <paramref name="from"/> on, at most <paramref name="maxCount"/>.</summary>
    public List<EventData> Read(string partition, long from, int maxCount)
    {
        var log = _partitions[partition];
        lock (log)
        {
            return [.. log.Skip((int)Math.Min(from, log.Count)).Take(maxCount)];
        }
    }

    public long Length(string partition)
    {
        var log = _partitions[partition];
        lock (log)
        {
            return log.Count;
        }
    }

    internal void OnReceiverStarted(string partition, string offset) => _receiversStarted.Enqueue((partition, offset));

    public string PartitionOf(string partitionKey)
    {
        // FNV-1a: stable across processes and runs, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in partitionKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return _partitions.Keys.ElementAt((int)(hash % (uint)_partitions.Count));
    }
}
