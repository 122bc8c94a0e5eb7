using Instagram.Grains.Feed;
using Instagram.Grains.Feed.Timelines;

namespace Instagram.Grains.Tests.Feed;

public sealed class NewestPostsMergeTests
{
    [Fact]
    public void MergesNewestFirstAcrossAuthorsAndKeepsEachPostsAuthor()
    {
        var merged = NewestPostsMerge.Merge([(1, [90, 50, 10]), (2, [70, 60]), (3, [])], perAuthor: 10, limit: 10);

        Assert.Equal([new AuthorPost(90, 1), new AuthorPost(70, 2), new AuthorPost(60, 2), new AuthorPost(50, 1), new AuthorPost(10, 1)], merged);
    }

    [Fact]
    public void TakesAtMostPerAuthorFromEachAndStopsAtTheLimit()
    {
        Assert.Equal([90L, 80, 70, 60], NewestPostsMerge.Merge([(1, [90, 80, 40]), (2, [70, 60, 50])], perAuthor: 2, limit: 10).Select(p => p.PostId));
        Assert.Equal([90L, 80, 70], NewestPostsMerge.Merge([(1, [90, 80, 40]), (2, [70, 60, 50])], perAuthor: 5, limit: 3).Select(p => p.PostId));
        Assert.Empty(NewestPostsMerge.Merge([(1, [90])], perAuthor: 0, limit: 3));
    }
}
