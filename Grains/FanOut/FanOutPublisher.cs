using Instagram.Grains.Feed;
using Instagram.Grains.Graph;

namespace Instagram.Grains.FanOut;

/// <summary>
/// The durable half of fan-out: one event per follower page on the <c>fanout</c> stream (Redis Streams or Event Hubs
/// on the Cluster profile), never one per follower. Each page's grain then delivers to its followers' feeds.
/// </summary>
public static class FanOutPublisher
{
    public static Task PublishToFollowerPagesAsync(this Grain author, long authorId, IReadOnlyCollection<long> postIds, FeedItemKind kind, int pageCount)
    {
        var streams = author.GetStreamProvider(ProviderNames.Streams);
        return Task.WhenAll(Enumerable.Range(0, pageCount).Select(async page =>
        {
            var stream = streams.GetStream<FanOutCommand>(StreamId.Create(StreamNamespaces.FanOut, FollowerPages.Key(authorId, page)));
            foreach (var postId in postIds)
            {
                await stream.OnNextAsync(new FanOutCommand(new FeedItem(postId, authorId, kind)));
            }
        }));
    }
}
