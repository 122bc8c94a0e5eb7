namespace Instagram.Grains.Feed;

/// <summary>Work for one follower page: deliver <see cref="Item"/> to every follower on it.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Feed.FanOutCommand")]
public sealed record FanOutCommand([property: Id(0)] FeedItem Item);
