using Instagram.Grains.Feed;
using Instagram.Grains.Graph;

namespace Instagram.Grains.FanOut;

/// <summary>
/// The push half of fan-out, run by a follower page for each event of its <c>fanout</c> stream: one direct call per
/// active follower's feed, a bounded number at a time. Followers idle longer than <see cref="FeedOptions.InactiveAfter"/>
/// get nothing, so their feeds are never activated by someone else's post; their feed takes the post in from the
/// author's timeline when they return. One silo-wide instance.
/// </summary>
public sealed partial class FanOutDelivery(IGrainFactory grains, IOptions<FeedOptions> options, TimeProvider time, ILogger<FanOutDelivery> logger)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Delivers <paramref name="item"/> to every active follower among <paramref name="edges"/> and returns when every
    /// feed has answered; if any call failed, it throws after the others finished, so the stream event is redelivered.
    /// </summary>
    public async Task DeliverAsync(FeedItem item, IReadOnlyList<FollowerEdge> edges)
    {
        var activeSince = Now - options.Value.InactiveAfter;
        var targets = new List<long>(edges.Count);
        foreach (var edge in edges)
        {
            if (edge.LastActiveAt >= activeSince)
            {
                targets.Add(edge.FollowerId);
            }
        }

        FanOutMetrics.Events.Add(1);
        FanOutMetrics.SkippedInactive.Add(edges.Count - targets.Count);
        try
        {
            await DeliverToAllAsync(item, targets);
        }
        catch (Exception ex)
        {
            FanOutMetrics.FailedEvents.Add(1);
            LogDeliveryFailed(ex, item.PostId, item.AuthorId, targets.Count);
            throw;
        }

        FanOutMetrics.Deliveries.Add(targets.Count);
        if (item.Kind == FeedItemKind.Added)
        {
            FanOutMetrics.DeliveryLag.Record((Now - IdGenerator.TimeOf(item.PostId)).TotalMilliseconds);
        }

        LogDelivered(item.Kind, item.PostId, item.AuthorId, targets.Count, edges.Count - targets.Count);
    }

    private Task DeliverToAllAsync(FeedItem item, List<long> targets)
    {
        var concurrency = options.Value.FanOutConcurrency;
        if (targets.Count <= concurrency)
        {
            // Most pages: every call at once, without a wrapper state machine and a semaphore turn per follower.
            var calls = new Task[targets.Count];
            for (var i = 0; i < calls.Length; i++)
            {
                calls[i] = grains.GetGrain<IFeedGrain>(targets[i]).DeliverAsync(item);
            }

            return Task.WhenAll(calls);
        }

        return DeliverBoundedAsync(item, targets, concurrency);
    }

    private async Task DeliverBoundedAsync(FeedItem item, List<long> targets, int concurrency)
    {
        using var slots = new SemaphoreSlim(concurrency);
        await Task.WhenAll(targets.Select(async followerId =>
        {
            await slots.WaitAsync();
            try
            {
                await grains.GetGrain<IFeedGrain>(followerId).DeliverAsync(item);
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fan-out {Kind} post {PostId} of {AuthorId}: {Delivered} feeds, {Skipped} inactive followers skipped")]
    private partial void LogDelivered(FeedItemKind kind, long postId, long authorId, int delivered, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fan-out of post {PostId} of {AuthorId} to {Feeds} feeds did not complete; the event will be redelivered")]
    private partial void LogDeliveryFailed(Exception exception, long postId, long authorId, int feeds);
}
