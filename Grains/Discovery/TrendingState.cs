namespace Instagram.Grains.Discovery;

/// <summary>
/// One window's uses, kept per post so a deletion can take its own uses back. Everything older than the window is
/// forgotten when the state is written. Records written before uses were kept per post (field 0, tag → account → last
/// use) are dropped, not converted: they cannot say which post a use came from, and trending is derived data that
/// refills within one window.
/// </summary>
[GenerateSerializer, Alias("Instagram.Grains.Discovery.TrendingState")]
public sealed class TrendingState
{
    /// <summary>Tag → account → that account's visible posts using the tag, with their publication times.</summary>
    [Id(1)] public Dictionary<string, Dictionary<long, List<PostUse>>> Tags { get; set; } = [];

    /// <summary>Deleted post → its publication time, so a use that arrives after its deletion stays out.</summary>
    [Id(2)] public Dictionary<long, DateTimeOffset> DeletedPosts { get; set; } = [];

    /// <summary>Private account → when it turned private; its uses are kept but count again only if it turns public.</summary>
    [Id(3)] public Dictionary<long, DateTimeOffset> PrivateAccounts { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Discovery.PostUse")]
public readonly record struct PostUse(
    [property: Id(0)] long PostId,
    [property: Id(1)] DateTimeOffset At);
