using System.Diagnostics;
using Instagram.Grains.Comments;
using Instagram.Grains.Common;
using Instagram.Grains.Likes;
using Instagram.Grains.Lists;
using Instagram.Grains.Notifications;
using Instagram.Grains.Posts;
using Instagram.Grains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Instagram.Grains.Tests.Engagement;

/// <summary>Likes, comments and notifications, written once and run on both profiles.</summary>
public abstract class EngagementTests(ClusterFixture fixture, ITestOutputHelper output)
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

    [Fact]
    public async Task CommentsListOldestFirstAndCountsFollowDeletes()
    {
        var author = await _scenario.CreateUserAsync();
        var commenter = await _scenario.CreateUserAsync();
        var postId = await _scenario.PublishAsync(author);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var id = fixture.Ids.NextId();
            await Grains.GetGrain<ICommentGrain>(id).CreateAsync(new NewComment(postId, commenter, $"comment {i}", null));
            ids.Add(id);
        }

        await Grains.GetGrain<ICommentGrain>(ids[1]).DeleteAsync(author, postId);
        var list = Grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Comments, postId));
        var page = await list.GetPageAsync(new PageRequest(null, 10), newestFirst: false);
        Assert.Equal(ids.Where((_, i) => i != 1), page.Items);
        Assert.Equal(4, (await Grains.GetGrain<IPostGrain>(postId).GetViewAsync(commenter))!.Post.CommentCount);
    }

    [Fact]
    public async Task LikesOnOnePostFoldIntoOneNotification()
    {
        var author = await _scenario.CreateUserAsync();
        var postId = await _scenario.PublishAsync(author);
        var fans = await _scenario.CreateUsersAsync(5);
        foreach (var fan in fans)
        {
            await Grains.GetGrain<IUserLikesGrain>(fan).LikeAsync(postId);
        }

        var inbox = Grains.GetGrain<INotificationsGrain>(author);
        await Eventually.TrueAsync(async () => (await inbox.GetPageAsync(PageRequest.First())).Items is [{ ActorCount: 5 }], "one aggregated like notification");
        var entry = (await inbox.GetPageAsync(PageRequest.First())).Items[0];
        Assert.Equal(NotificationType.Like, entry.Type);
        Assert.Equal(fans.Reverse(), entry.Actors.Select(a => a.Id));
    }
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedEngagementTests(EmbeddedClusterFixture fixture, ITestOutputHelper output) : EngagementTests(fixture, output)
{
    protected override int HotPostLikers => 2_000;
}

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileEngagementTests(ServicesClusterFixture fixture, ITestOutputHelper output) : EngagementTests(fixture, output)
{
    protected override int HotPostLikers => 1_000;
}
