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

    private static readonly Comparer<long> NewestFirstOrder = Comparer<long>.Create((a, b) => b.CompareTo(a));
}
