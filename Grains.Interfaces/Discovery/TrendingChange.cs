namespace Instagram.Grains.Discovery;

/// <summary>
/// One change to the trending windows, in the order its author's events happened: a post's hashtag uses appear or
/// go, or the author turns private or public. Every change is idempotent, so a redelivery changes nothing twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Discovery.TrendingChange")]
public sealed record TrendingChange(
    [property: Id(0)] TrendingChangeKind Kind,
    [property: Id(1)] long AccountId,
    [property: Id(2)] long PostId,
    [property: Id(3)] string[] Tags,
    [property: Id(4)] DateTimeOffset At)
{
    /// <summary>A public account's post used <paramref name="tags"/> at <paramref name="at"/> (its publication time).</summary>
    public static TrendingChange Published(long accountId, long postId, string[] tags, DateTimeOffset at) =>
        new(TrendingChangeKind.PostPublished, accountId, postId, tags, at);

    /// <summary>The post was deleted; <paramref name="at"/> is its publication time, so the tombstone ages with the use.</summary>
    public static TrendingChange Deleted(long accountId, long postId, string[] tags, DateTimeOffset at) =>
        new(TrendingChangeKind.PostDeleted, accountId, postId, tags, at);

    /// <summary>The account is private (<paramref name="isPrivate"/>) or public as of <paramref name="at"/>.</summary>
    public static TrendingChange Privacy(long accountId, bool isPrivate, DateTimeOffset at) =>
        new(isPrivate ? TrendingChangeKind.AccountPrivate : TrendingChangeKind.AccountPublic, accountId, 0, [], at);
}

[GenerateSerializer, Alias("Instagram.Grains.Discovery.TrendingChangeKind")]
public enum TrendingChangeKind
{
    PostPublished,
    PostDeleted,
    AccountPrivate,
    AccountPublic,
}
