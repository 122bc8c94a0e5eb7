using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>
/// Each region's outgoing changes, as its outbox grains hand them over; the region's replication link drains them.
/// Static because the silos run in this process and the outbox grain is made by Orleans; keyed by a region name that
/// is unique per test run, so simulations never share a queue.
/// </summary>
public static class ReplicationHub
{
    private static readonly ConcurrentDictionary<string, Channel<ReplicationEvent>> Outboxes = new();

    public static ChannelReader<ReplicationEvent> Outbox(string region) => For(region).Reader;

    public static void Publish(string region, ReplicationEvent change) => For(region).Writer.TryWrite(change);

    public static void Close(string region)
    {
        if (Outboxes.TryRemove(region, out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    private static Channel<ReplicationEvent> For(string region) => Outboxes.GetOrAdd(region, _ => Channel.CreateUnbounded<ReplicationEvent>());
}
