using System.Collections.Concurrent;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// The fan-out run's ground truth, read from the feeds themselves rather than from counters (which a killed silo
/// takes with it): every post accepted during the run must be in the feed of every follower of its author exactly once.
/// A feed keeps its newest <paramref name="capacity"/> posts (Feed:MaxItems), so a follower due more than that is
/// checked for the newest ones only: the older have left by design, not been lost.
/// </summary>
public sealed class FeedAudit(ISystemUnderTest system, long[] userIds, int[][] followers, int capacity)
{
    private readonly ConcurrentBag<(long PostId, int AuthorIndex)> _posts = [];

    public int Posts => _posts.Count;

    /// <summary>Posts found missing from some follower's feed by the last check (a few, to look into).</summary>
    public IReadOnlyCollection<long> MissingPosts { get; private set; } = [];

    public void Record(long postId, int authorIndex) => _posts.Add((postId, authorIndex));

    /// <summary>Reads every follower's feed once; lost = expected deliveries missing, duplicated = ids seen more than once.</summary>
    public async Task<(long Expected, long Lost, long Duplicated)> CheckAsync(CancellationToken cancellationToken)
    {
        var posts = _posts.ToArray();
        if (posts.Length == 0)
        {
            return (0, 0, 0);
        }

        var since = posts.Min(p => p.PostId);
        var expected = new Dictionary<int, HashSet<long>>();
        foreach (var (postId, author) in posts)
        {
            foreach (var follower in followers[author])
            {
                (expected.TryGetValue(follower, out var set) ? set : expected[follower] = []).Add(postId);
            }
        }

        long lost = 0, duplicated = 0;
        var missing = new ConcurrentDictionary<long, byte>();
        await Parallel.ForEachAsync(expected, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            var ids = await system.ReadFeedIdsSinceAsync(userIds[entry.Key], since, ct);
            var seen = new HashSet<long>();
            Interlocked.Add(ref duplicated, ids.Count(id => !seen.Add(id)));
            var due = entry.Value.Count > capacity ? entry.Value.OrderDescending().Take(capacity) : entry.Value;
            foreach (var id in due.Where(id => !seen.Contains(id)))
            {
                Interlocked.Increment(ref lost);
                missing.TryAdd(id, 0);
            }
        });

        MissingPosts = [.. missing.Keys.Order().Take(10)];
        return (expected.Values.Sum(set => (long)Math.Min(set.Count, capacity)), lost, duplicated);
    }
}
