namespace Instagram.Grains.Feed.Timelines;

/// <summary>
/// The newest posts of many authors, from each author's own newest-first list: a k-way merge that stops at the limit,
/// so a feed following 500 authors costs about <c>limit × log 500</c> comparisons, not a sort of every post they keep.
/// </summary>
public static class NewestPostsMerge
{
    public static List<AuthorPost> Merge(IReadOnlyList<(long AuthorId, long[] NewestFirst)> authors, int perAuthor, int limit)
    {
        var newest = new List<AuthorPost>(Math.Max(0, Math.Min(limit, authors.Count * perAuthor)));
        if (perAuthor <= 0 || limit <= 0)
        {
            return newest;
        }

        var heads = new PriorityQueue<(int Author, int Position), long>(authors.Count, NewestFirstOrder);
        for (var i = 0; i < authors.Count; i++)
        {
            if (authors[i].NewestFirst.Length > 0)
            {
                heads.Enqueue((i, 0), authors[i].NewestFirst[0]);
            }
        }

        while (newest.Count < limit && heads.TryDequeue(out var head, out var postId))
        {
            var (authorId, posts) = authors[head.Author];
            newest.Add(new AuthorPost(postId, authorId));
            var next = head.Position + 1;
            if (next < Math.Min(perAuthor, posts.Length))
            {
                heads.Enqueue((head.Author, next), posts[next]);
            }
        }

        return newest;
    }

    /// <summary>
    /// How many of each author's newest posts to read first when <paramref name="authors"/> authors fill a feed of
    /// <paramref name="limit"/>: about twice an even share, at least <see cref="MinFirstRead"/>, at most
    /// <paramref name="perAuthor"/>. A feed following few authors reads everything at once.
    /// </summary>
    public static int FirstRead(int authors, int perAuthor, int limit) =>
        authors == 0 ? perAuthor : Math.Clamp(2 * limit / authors, Math.Min(MinFirstRead, perAuthor), perAuthor);

    public const int MinFirstRead = 8;

    /// <summary>
    /// Given what a first read brought (each author's newest <c>Read</c> ids of the <c>Available</c> they have) and its
    /// merge, the authors whose further posts could still belong in the feed: those cut short whose oldest id read is
    /// newer than the merge's last, or every author cut short while the merge is short of the limit. Reading more of
    /// the others cannot change the merge, since everything they have further is older than all it holds.
    /// </summary>
    public static long[] NeedingMore(IReadOnlyList<(long AuthorId, long[] Read, int Available)> authors, IReadOnlyList<AuthorPost> merged, int perAuthor, int limit)
    {
        long? cutoff = merged.Count >= limit ? merged[^1].PostId : null;
        return [.. authors
            .Where(a => a.Read.Length < Math.Min(a.Available, perAuthor) && (cutoff is not { } last || a.Read[^1] > last))
            .Select(a => a.AuthorId)];
    }

    private static readonly Comparer<long> NewestFirstOrder = Comparer<long>.Create((a, b) => b.CompareTo(a));
}
