using Instagram.Grains.FanOut;
using Instagram.Grains.Feed;

namespace Instagram.Silo.Tests.Streaming.EventHubs;

public sealed class FanOutProducerGrain : Grain, IFanOutProducerGrain
{
    // One follower page is enough: the tests put their follower on page 0.
    public Task PublishAsync(long[] postIds) => this.PublishToFollowerPagesAsync(this.GetPrimaryKeyLong(), postIds, FeedItemKind.Added, pageCount: 1);
}
