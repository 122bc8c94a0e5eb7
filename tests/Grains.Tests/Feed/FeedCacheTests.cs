using Instagram.Grains.Feed;

namespace Instagram.Grains.Tests.Feed;

public sealed class FeedCacheTests
{
    [Fact]
    public void InsertKeepsNewestFirstAndIgnoresDuplicates()
    {
        var cache = new FeedCache(10);
        Assert.True(cache.Insert(new FeedEntry(5, 1)));
        Assert.True(cache.Insert(new FeedEntry(9, 1)));
        Assert.True(cache.Insert(new FeedEntry(7, 2)));
        Assert.False(cache.Insert(new FeedEntry(7, 2)));

        Assert.Equal([9L, 7, 5], cache.Take(null, 10).Select(e => e.PostId));
    }

    [Fact]
    public void CapacityDropsTheOldestAndRefusesOlderThanTheTail()
    {
        var cache = new FeedCache(3);
        foreach (var id in new long[] { 10, 20, 30, 40 })
        {
            cache.Insert(new FeedEntry(id, 1));
        }

        Assert.Equal([40L, 30, 20], cache.Take(null, 10).Select(e => e.PostId));
        Assert.False(cache.Insert(new FeedEntry(5, 1)));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void AfterManyInsertsInAnyOrderItHoldsExactlyTheNewestCapacityAndPagesThroughThem()
    {
        var random = new Random(7);
        var cache = new FeedCache(100);
        var inserted = new HashSet<long>();
        for (var i = 0; i < 5_000; i++)
        {
            // Mostly newer ids (fan-out), some older ones and repeats (pulls, redeliveries).
            var id = random.Next(10) < 8 ? 1_000 + i : random.Next(1_000 + i);
            cache.Insert(new FeedEntry(id, id % 7));
            inserted.Add(id);
        }

        var newest = inserted.OrderDescending().Take(100).ToArray();
        Assert.Equal(100, cache.Count);
        Assert.Equal(newest, cache.Take(null, 1_000).Select(e => e.PostId));
        var paged = new List<long>();
        long? cursor = null;
        while (cache.Take(cursor, 7) is { Count: > 0 } page)
        {
            paged.AddRange(page.Select(e => e.PostId));
            cursor = page[^1].PostId;
        }

        Assert.Equal(newest, paged);
        Assert.True(cache.Contains(newest[^1]));
        Assert.False(cache.Contains(inserted.OrderDescending().ElementAt(100)));
        Assert.False(cache.HasOlderThan(newest[^1]));
    }

    [Fact]
    public void AnEntryRemovedAfterLeavingTheWindowDoesNotComeBackWhenANewerOneGoes()
    {
        var cache = new FeedCache(16);
        for (long id = 1; id <= 17; id++)
        {
            cache.Insert(new FeedEntry(id, 1)); // 1 has left the newest 16
        }

        Assert.False(cache.Contains(1));
        cache.Remove(1); // deleted while out of view
        cache.Remove(17);

        Assert.Equal(15, cache.Count);
        Assert.Equal(Enumerable.Range(2, 15).Select(i => (long)i).Reverse(), cache.Take(null, 100).Select(e => e.PostId));
    }

    [Fact]
    public void TakeStartsStrictlyAfterTheCursorEvenIfTheCursorWasRemoved()
    {
        var cache = new FeedCache(10);
        foreach (var id in new long[] { 1, 2, 3, 4, 5 })
        {
            cache.Insert(new FeedEntry(id, id % 2));
        }

        cache.Remove(4);
        Assert.Equal([3L, 2], cache.Take(4, 2).Select(e => e.PostId));
        Assert.True(cache.HasOlderThan(2));
        Assert.False(cache.HasOlderThan(1));
    }

    [Fact]
    public void RemoveAuthorDropsOnlyThatAuthorsEntries()
    {
        var cache = new FeedCache(10);
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            cache.Insert(new FeedEntry(id, id % 2));
        }

        Assert.Equal(2, cache.RemoveAuthor(1));
        Assert.Equal([4L, 2], cache.Take(null, 10).Select(e => e.PostId));
    }
}
