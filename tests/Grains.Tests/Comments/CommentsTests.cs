using Instagram.Grains.Comments;
using Instagram.Grains.Common;
using Instagram.Grains.Lists;
using Instagram.Grains.Posts;
using Instagram.Grains.Tests.Infrastructure;

namespace Instagram.Grains.Tests.Comments;

/// <summary>Comments, written once and run on both profiles.</summary>
public abstract class CommentsTests(ClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);
    private IGrainFactory Grains => fixture.Grains;

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
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedCommentsTests(EmbeddedClusterFixture fixture) : CommentsTests(fixture);

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileCommentsTests(ServicesClusterFixture fixture) : CommentsTests(fixture);
