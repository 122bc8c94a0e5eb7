namespace Instagram.Grains.Common;

/// <summary>
/// Stream namespaces, each consumed only by the grain types implicitly subscribed to it (post and user events have two
/// consumers: the search indexer and the discovery indexer); pub-sub is implicit only.
/// </summary>
public static class StreamNamespaces
{
    /// <summary>Fan-out work for one page of an author's followers; key = "{authorId}:{page}".</summary>
    public const string FanOut = "fanout";

    /// <summary>Notification events for one recipient; key = recipient id.</summary>
    public const string Notifications = "notifications";

    /// <summary>Post published or deleted; key = author id. Consumed by the read models (search, hashtags, trending).</summary>
    public const string PostEvents = "post-events";

    /// <summary>Profile created or changed; key = user id. Consumed by the search index and trending (privacy).</summary>
    public const string UserEvents = "user-events";
}
