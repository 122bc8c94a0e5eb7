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

    [Fact]
    public void AFirstReadOfFewPerAuthorPlusTheAuthorsNeedingMoreMergesAsEveryListReadWhole()
    {
        var random = new Random(20261208);
        for (var trial = 0; trial < 200; trial++)
        {
            // Some authors post far more than others, and some feeds follow few of them.
            var authors = Enumerable.Range(1, random.Next(1, 300)).Select(author => (AuthorId: (long)author,
                NewestFirst: Enumerable.Range(0, random.Next(0, random.Next(2) == 0 ? 5 : 80)).Select(_ => (long)random.Next(1, 1_000_000))
                    .Distinct().OrderDescending().ToArray())).ToList();
            var unique = new HashSet<long>();
            authors = [.. authors.Select(a => (a.AuthorId, a.NewestFirst.Where(unique.Add).ToArray()))]; // post ids are unique
            var perAuthor = random.Next(1, 60);
            var limit = random.Next(1, 400);

            var first = NewestPostsMerge.FirstRead(authors.Count, perAuthor, limit);
            var read = authors.Select(a => (a.AuthorId, Read: a.NewestFirst.Take(first).ToArray(), Available: a.NewestFirst.Length)).ToList();
            var merged = NewestPostsMerge.Merge([.. read.Select(r => (r.AuthorId, r.Read))], perAuthor, limit);
            var more = NewestPostsMerge.NeedingMore(read, merged, perAuthor, limit).ToHashSet();
            var second = NewestPostsMerge.Merge([.. authors.Select(a => (a.AuthorId, more.Contains(a.AuthorId) ? a.NewestFirst : a.NewestFirst.Take(first).ToArray()))], perAuthor, limit);

            Assert.Equal(NewestPostsMerge.Merge(authors, perAuthor, limit), second);
        }
    }

    [Fact]
    public void AFeedOfManyAuthorsReadsAFewOfEachFirstAndOneOfFewAuthorsReadsWhole()
    {
        Assert.Equal(NewestPostsMerge.MinFirstRead, NewestPostsMerge.FirstRead(authors: 500, perAuthor: 50, limit: 1_000));
        Assert.Equal(50, NewestPostsMerge.FirstRead(authors: 20, perAuthor: 50, limit: 1_000));
        Assert.Equal(3, NewestPostsMerge.FirstRead(authors: 500, perAuthor: 3, limit: 1_000));

        // Author 1's oldest post read (80) is newer than the merge's last (70): it may have more that belong.
        var read = new List<(long, long[], int)> { (1, [90, 80], 5), (2, [70, 10], 9), (3, [60], 1) };
        var merged = NewestPostsMerge.Merge([(1, [90, 80]), (2, [70, 10]), (3, [60])], perAuthor: 50, limit: 3);
        Assert.Equal([1L], NewestPostsMerge.NeedingMore(read, merged, perAuthor: 50, limit: 3));
        // A merge short of the limit needs every author that was cut short.
        Assert.Equal([1L, 2L], NewestPostsMerge.NeedingMore(read, NewestPostsMerge.Merge([(1, [90, 80]), (2, [70, 10]), (3, [60])], 50, 10), perAuthor: 50, limit: 10));
    }
}
