using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Grains.Search;
using Instagram.Grains.Users;

namespace Instagram.Silo.Tests.Streaming.EventHubs;

/// <summary>
/// An author, one follower and posts fanned out to them through the stream engine under test; what the consumers did
/// is read back through grains (the follower's feed for the fan-out, search for the indexer).
/// </summary>
public sealed class FanOutScenario
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public long Author { get; } = Random.Shared.NextInt64(1L << 40, 1L << 50);

    public long Follower => Author + 1;

    public string FollowerName => $"ehfollower{Follower}";

    /// <summary>Post ids of this scenario only: the n-th is <c>author * 100 + n</c>.</summary>
    public long[] Posts(int from, int count) => [.. Enumerable.Range(from, count).Select(n => Author * 100 + n)];

    public async Task CreateUsersAndFollowAsync(IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(Author).CreateAsync(new NewAccount($"ehauthor{Author}", $"a{Author}@example.com", "hash", null));
        await grains.GetGrain<IUserGrain>(Follower).CreateAsync(new NewAccount(FollowerName, $"f{Follower}@example.com", "hash", "Event Hubs Follower"));
        await grains.GetGrain<IFollowingGrain>(Follower).FollowAsync(Author);
    }

    public Task PublishAsync(IGrainFactory grains, long[] posts) => grains.GetGrain<IFanOutProducerGrain>(Author).PublishAsync(posts);

    /// <summary>Waits until the follower's feed activation has received at least <paramref name="count"/> pushes; returns how many.</summary>
    public async Task<long> AwaitPushesAsync(IGrainFactory grains, int count)
    {
        var feed = grains.GetGrain<IFeedGrain>(Follower);
        await Eventually.TrueAsync(async () => (await feed.GetDiagnosticsAsync()).PushedItemsReceived >= count, $"{count} pushed posts", Patience);
        return (await feed.GetDiagnosticsAsync()).PushedItemsReceived;
    }

    /// <summary>Waits until the search indexer has consumed the follower's profile event and search finds them.</summary>
    public Task AwaitFollowerIndexedAsync(IGrainFactory grains) =>
        Eventually.TrueAsync(async () =>
                (await grains.GetGrain<ISearchGrain>(0).SearchUsersAsync(Author, FollowerName, 5)).Any(hit => hit.User.Id == Follower),
            "the follower indexed for search", Patience);
}
