namespace Instagram.Grains.Feed;

/// <summary>
/// Asks many feeds at once how their delivery stands: one call from outside the cluster instead of one per feed. For
/// operators following a post's delivery and the load tester's probes and delivery counts. Use key 0; every silo
/// answers locally.
/// </summary>
[Alias("Instagram.Grains.Feed.IFeedProbeGrain")]
public interface IFeedProbeGrain : IGrainWithIntegerKey
{
    /// <summary>For each of <paramref name="ownerIds"/>, in order, whether that user's feed holds <paramref name="postId"/>.</summary>
    [Alias("HoldAsync")] Task<bool[]> HoldAsync(long postId, long[] ownerIds);

    /// <summary>For each of <paramref name="ownerIds"/>, in order, <see cref="FeedDiagnostics.PushedItemsReceived"/> of that user's feed.</summary>
    [Alias("PushedItemsAsync")] Task<long[]> PushedItemsAsync(long[] ownerIds);
}
