using System.Diagnostics;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Common;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Instagram.Api.Tests.Feed;

/// <summary>
/// A 5,000-follower push fan-out in the Embedded profile: asserts every follower got the post exactly once and
/// prints how long it took (a figure, not a pass/fail threshold).
/// </summary>
// Its own Api, not the shared collection's: the 5,000 accounts and their fan-out take as long as the rest of that
// collection's tests together, which run one after another; on their own they run beside them.
public sealed class FanOutMeasurementTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const int Followers = 5_000;

    [Fact]
    public async Task FiveThousandFollowersEachReceiveThePostOnce()
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var ids = factory.Services.GetRequiredService<IdGenerator>();
        var authorId = ids.NextId();
        await grains.GetGrain<IUserGrain>(authorId).CreateAsync(new NewAccount($"author{authorId}", $"a{authorId}@example.com", "x", null));
        var followers = Enumerable.Range(0, Followers).Select(_ => ids.NextId()).ToArray();
        foreach (var chunk in followers.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(async id =>
            {
                await grains.GetGrain<IUserGrain>(id).CreateAsync(new NewAccount($"f{id}", $"f{id}@example.com", "x", null));
                await grains.GetGrain<IFollowingGrain>(id).FollowAsync(authorId);
            }));
        }

        var mediaId = ids.NextId();
        await grains.GetGrain<IMediaGrain>(mediaId).CreateUploadAsync(new MediaUploadSlot(authorId, "image/png", 10, DateTimeOffset.UtcNow.AddMinutes(1), false));
        await grains.GetGrain<IMediaTestSeam>(mediaId).CompleteUploadAsync(new StoredMedia("image/png", 1, 1, 10, "/media/x/original.png"));

        var clock = Stopwatch.StartNew();
        var postId = ids.NextId();
        await grains.GetGrain<IPostGrain>(postId).CreateAsync(new NewPost(authorId, "to everyone", [mediaId], null));
        var pending = new HashSet<long>(followers);
        while (pending.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var received = await Task.WhenAll(pending.Select(async id => (id, (await grains.GetGrain<IFeedGrain>(id).GetDiagnosticsAsync()).PushedItemsReceived)));
            pending.ExceptWith(received.Where(r => r.PushedItemsReceived > 0).Select(r => r.id));
            await Task.Delay(20);
        }

        clock.Stop();
        output.WriteLine($"Fan-out to {Followers} followers fully delivered in {clock.ElapsedMilliseconds} ms ({Followers / clock.Elapsed.TotalSeconds:F0} deliveries/s, Embedded profile, including polling).");
        Assert.Empty(pending);
        var sample = followers.Take(200).ToArray();
        var counts = await Task.WhenAll(sample.Select(id => grains.GetGrain<IFeedGrain>(id).GetDiagnosticsAsync()));
        Assert.All(counts, c => Assert.Equal(1, c.PushedItemsReceived));
    }
}
