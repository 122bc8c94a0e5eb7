using System.Diagnostics;
using Instagram.Grains.Likes;
using Instagram.Grains.Lists;
using Instagram.Grains.Posts;
using Instagram.Grains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Instagram.Grains.Tests.Likes;

/// <summary>Likes, written once and run on both profiles.</summary>
public abstract class LikesTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);
    private IGrainFactory Grains => fixture.Grains;

    /// <summary>How many users like the hot post at once.</summary>
    protected abstract int HotPostLikers { get; }

    [Fact]
    public async Task AHotPostTakesManyConcurrentLikesAndCountsEveryOneOnce()
    {
        var author = await _scenario.CreateUserAsync();
        var postId = await _scenario.PublishAsync(author);
        var likers = Enumerable.Range(0, HotPostLikers).Select(_ => fixture.Ids.NextId()).ToArray();
        await Task.WhenAll(likers.Select(id => Grains.GetGrain<Users.IUserGrain>(id)
            .CreateAsync(new Users.NewAccount($"l{id}", $"l{id}@example.com", "x", null))));

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(likers.Select(id => Grains.GetGrain<IUserLikesGrain>(id).LikeAsync(postId)));
        clock.Stop();
        // Each like returned only once stored, so the count is exact the moment the last call returns.
        var count = await Grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Likes, postId)).GetCountAsync();
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"{HotPostLikers} likes on one post in {clock.ElapsedMilliseconds} ms = {HotPostLikers / clock.Elapsed.TotalSeconds:F0} likes/s; " +
            $"count exact on return (lag 0); managed heap +{(memoryAfter - memoryBefore) / 1024} KiB.");
        Assert.Equal(HotPostLikers, count);

        await Task.WhenAll(likers.Take(10).Select(id => Grains.GetGrain<IUserLikesGrain>(id).LikeAsync(postId)));
        await Grains.GetGrain<IUserLikesGrain>(likers[0]).UnlikeAsync(postId);
        var view = await Grains.GetGrain<IPostGrain>(postId).GetViewAsync(likers[1]);
        Assert.Equal(HotPostLikers - 1, view!.Post.LikeCount);
        Assert.True(view.IsLiked);
        Assert.False((await Grains.GetGrain<IPostGrain>(postId).GetViewAsync(likers[0]))!.IsLiked);
    }
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedLikesTests(EmbeddedClusterFixture fixture, ITestOutputHelper output) : LikesTests(fixture, output)
{
    protected override int HotPostLikers => 2_000;
}

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileLikesTests(ServicesClusterFixture fixture, ITestOutputHelper output) : LikesTests(fixture, output)
{
    protected override int HotPostLikers => 1_000;
}
