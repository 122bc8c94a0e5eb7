using BenchmarkDotNet.Attributes;
using Instagram.Grains.Feed;

namespace Instagram.Benchmarks.Feed;

/// <summary>
/// The feed cache every FeedGrain holds: a newest-first list of at most 1,000 (post, author) entries. A push inserts at
/// the front (new ids are the largest), a read takes a page, a deleted post is removed.
/// </summary>
[MemoryDiagnoser]
public class FeedCacheBenchmarks
{
    public const int Capacity = 1_000;
    private const long FirstId = 1_000_000;

    private FeedCache _pushTarget = null!;
    private FeedCache _readOnly = null!;
    private FeedCache _churn = null!;
    private long _nextId;
    private long _middleId;

    [GlobalSetup]
    public void Setup()
    {
        _pushTarget = Full();
        _readOnly = Full();
        _churn = Full();
        _nextId = FirstId + (10 * Capacity);
        _middleId = FirstId + (10 * (Capacity / 2));
    }

    /// <summary>A pushed post on a full feed: inserted at the front, the oldest entry dropped.</summary>
    [Benchmark]
    public bool InsertNewestIntoFullCache() => _pushTarget.Insert(new FeedEntry(++_nextId, 7));

    /// <summary>A redelivered push: found by binary search, nothing changes.</summary>
    [Benchmark]
    public bool InsertDuplicate() => _readOnly.Insert(new FeedEntry(_middleId, 0));

    /// <summary>An out-of-order arrival in the middle, then removed again (a delete), so the cache stays full.</summary>
    [Benchmark]
    public bool InsertThenRemoveInTheMiddle() => _churn.Insert(new FeedEntry(_middleId + 5, 3)) & _churn.Remove(_middleId + 5);

    [Benchmark]
    public int TakeFirstPage() => _readOnly.Take(null, 20).Count;

    [Benchmark]
    public int TakePageAfterCursor() => _readOnly.Take(_middleId, 20).Count;

    [Benchmark]
    public bool Contains() => _readOnly.Contains(_middleId);

    /// <summary>A cold feed's rebuild: 25 authors' 50 newest posts each, inserted author by author (1,250 offers, 1,000 kept).</summary>
    [Benchmark]
    public int RebuildFrom25Authors()
    {
        var cache = new FeedCache(Capacity);
        for (var author = 0; author < 25; author++)
        {
            for (var i = 0; i < 50; i++)
            {
                cache.Insert(new FeedEntry(FirstId + (i * 25) + author, author));
            }
        }

        return cache.Count;
    }

    /// <summary>Unfollowing: every entry of one author (1 in 25) dropped from a full cache; includes building that cache
    /// oldest-last (1,000 appends, nothing shifts), which is small next to the removal.</summary>
    [Benchmark]
    public int RemoveAuthorFromFullCache()
    {
        var cache = new FeedCache(Capacity);
        for (var i = Capacity - 1; i >= 0; i--)
        {
            cache.Insert(new FeedEntry(FirstId + (10 * i), i % 25));
        }

        return cache.RemoveAuthor(3);
    }

    /// <summary>1,000 pushes into an empty cache, newest last (the order fan-out delivers them in).</summary>
    [Benchmark]
    public int FillByPushes()
    {
        var cache = new FeedCache(Capacity);
        for (var i = 0; i < Capacity; i++)
        {
            cache.Insert(new FeedEntry(FirstId + (10 * i), i % 25));
        }

        return cache.Count;
    }

    private static FeedCache Full()
    {
        var cache = new FeedCache(Capacity);
        for (var i = 0; i < Capacity; i++)
        {
            cache.Insert(new FeedEntry(FirstId + (10 * i), i % 50));
        }

        return cache;
    }
}
