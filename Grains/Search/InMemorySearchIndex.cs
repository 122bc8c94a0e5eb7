namespace Instagram.Grains.Search;

/// <summary>
/// The whole search index in memory, for the Embedded profile. Not thread-safe: one grain owns it
/// (<see cref="InMemorySearchIndexGrain"/>). It answers exactly what the PostgreSQL index answers: full-text lexemes
/// stemmed the same way, pg_trgm trigram similarity, at most one typo, the same tiers and the same privacy rule.
/// Scans are linear; that is fine for a development profile.
/// </summary>
public sealed class InMemorySearchIndex
{
    private readonly Dictionary<long, UserEntry> _users = [];
    private readonly Dictionary<long, PostEntry> _posts = [];
    private readonly SortedSet<long> _postIdsNewestFirst = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly Dictionary<string, HashSet<long>> _postsByLexeme = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<long>> _postsByTag = new(StringComparer.Ordinal);
    private long _stamp;

    public int UserCount => _users.Count;

    public int PostCount => _posts.Count;

    public void UpsertUser(UserDocument user)
    {
        var username = user.Username.ToLowerInvariant();
        var fullName = user.FullName.ToLowerInvariant();
        _users[user.UserId] = new UserEntry(user with { Username = username, FullName = fullName },
            SearchText.Trigrams(username), SearchText.Trigrams(fullName), ++_stamp);
    }

    public void UpsertPost(PostDocument post)
    {
        if (_posts.TryGetValue(post.PostId, out var existing))
        {
            existing.Stamp = ++_stamp; // published posts do not change: only mark it as still there
            return;
        }

        var entry = new PostEntry(post, SearchText.Lexemes(post.Caption), ++_stamp);
        _posts[post.PostId] = entry;
        _postIdsNewestFirst.Add(post.PostId);
        foreach (var lexeme in entry.Lexemes)
        {
            Bucket(_postsByLexeme, lexeme).Add(post.PostId);
        }

        foreach (var tag in post.Hashtags)
        {
            Bucket(_postsByTag, tag).Add(post.PostId);
        }
    }

    public void DeletePost(long postId)
    {
        if (!_posts.Remove(postId, out var entry))
        {
            return;
        }

        _postIdsNewestFirst.Remove(postId);
        foreach (var lexeme in entry.Lexemes)
        {
            Unbucket(_postsByLexeme, lexeme, postId);
        }

        foreach (var tag in entry.Post.Hashtags)
        {
            Unbucket(_postsByTag, tag, postId);
        }
    }

    public long BeginRebuild() => ++_stamp;

    /// <summary>Drops whatever was not written since <paramref name="startStamp"/>. Hashtag counts are computed on read, so there is nothing to recount.</summary>
    public void CompleteRebuild(long startStamp)
    {
        foreach (var postId in _posts.Values.Where(p => p.Stamp < startStamp).Select(p => p.Post.PostId).ToArray())
        {
            DeletePost(postId);
        }

        foreach (var userId in _users.Values.Where(u => u.Stamp < startStamp).Select(u => u.User.UserId).ToArray())
        {
            _users.Remove(userId);
        }
    }

    public UserHit[] SearchUsers(UserQuery query)
    {
        var q = query.Query;
        if (q.Length == 0)
        {
            return [];
        }

        var excluded = query.Viewer.Excluded.ToHashSet();
        var trigrams = SearchText.Trigrams(q);
        var fuzzy = q.Length >= SearchText.MinFuzzyLength;
        var hits = new List<UserHit>();
        foreach (var entry in _users.Values)
        {
            var user = entry.User;
            if (excluded.Contains(user.UserId))
            {
                continue;
            }

            var usernameSimilarity = SearchText.Similarity(entry.UsernameTrigrams, trigrams);
            var nameSimilarity = SearchText.Similarity(entry.NameTrigrams, trigrams);
            int tier;
            if (user.Username == q)
            {
                tier = MatchTier.Exact;
            }
            else if (user.Username.StartsWith(q, StringComparison.Ordinal))
            {
                tier = MatchTier.Prefix;
            }
            else if (user.FullName.StartsWith(q, StringComparison.Ordinal) || (fuzzy && SearchText.StartsAWord(user.FullName, q)))
            {
                tier = MatchTier.NamePrefix;
            }
            else if (fuzzy && (usernameSimilarity >= SearchText.SimilarityThreshold || nameSimilarity >= SearchText.SimilarityThreshold
                || SearchText.WithinOneEdit(user.Username, q)))
            {
                tier = MatchTier.Fuzzy;
            }
            else
            {
                continue;
            }

            hits.Add(new UserHit(user.UserId, tier, user.IsVerified, Math.Max(usernameSimilarity, nameSimilarity)));
        }

        return [.. hits
            .OrderByDescending(h => h.Tier).ThenByDescending(h => h.IsVerified).ThenByDescending(h => h.Similarity)
            .ThenBy(h => _users[h.UserId].User.Username, StringComparer.Ordinal)
            .Take(query.Limit)];
    }

    public HashtagHit[] SearchHashtags(HashtagQuery query)
    {
        var q = query.Query;
        if (q.Length == 0)
        {
            return [];
        }

        var trigrams = SearchText.Trigrams(q);
        var fuzzy = q.Length >= SearchText.MinFuzzyLength;
        var visible = Visibility(query.Viewer);
        var hits = new List<HashtagHit>();
        foreach (var (tag, postIds) in _postsByTag)
        {
            int tier;
            if (tag == q)
            {
                tier = MatchTier.Exact;
            }
            else if (tag.StartsWith(q, StringComparison.Ordinal))
            {
                tier = MatchTier.Prefix;
            }
            else if (fuzzy && (SearchText.WithinOneEdit(tag, q) || SearchText.Similarity(SearchText.Trigrams(tag), trigrams) >= SearchText.SimilarityThreshold))
            {
                tier = MatchTier.Fuzzy;
            }
            else
            {
                continue;
            }

            var count = postIds.Count(id => visible(_posts[id].Post.AuthorId));
            if (count > 0)
            {
                hits.Add(new HashtagHit(tag, tier, count));
            }
        }

        return [.. hits.OrderByDescending(h => h.Tier).ThenByDescending(h => h.PostCount).ThenBy(h => h.Tag, StringComparer.Ordinal).Take(query.Limit)];
    }

    public long[] SearchPosts(PostQuery query)
    {
        IEnumerable<long> candidates;
        if (query.Text is not null || query.Hashtag is not null)
        {
            HashSet<long>? matching = null;
            if (query.Text is not null)
            {
                var lexemes = SearchText.Lexemes(query.Text);
                if (lexemes.Count == 0)
                {
                    return []; // only stop words or punctuation: like plainto_tsquery, it matches nothing
                }

                foreach (var lexeme in lexemes)
                {
                    matching = Intersect(matching, _postsByLexeme.GetValueOrDefault(lexeme));
                }
            }

            if (query.Hashtag is not null)
            {
                matching = Intersect(matching, _postsByTag.GetValueOrDefault(query.Hashtag));
            }

            candidates = matching!.OrderByDescending(id => id);
        }
        else
        {
            candidates = _postIdsNewestFirst;
        }

        var visible = Visibility(query.Viewer);
        var before = query.Before ?? long.MaxValue;
        return [.. candidates
            .Where(id => id < before)
            .Select(id => _posts[id].Post)
            .Where(p => query.Place is not { } place
                || (p.Lat is { } lat && p.Lng is { } lng && GeoMath.DistanceKm(place.Lat, place.Lng, lat, lng) <= place.RadiusKm))
            .Where(p => visible(p.AuthorId))
            .Take(query.Limit)
            .Select(p => p.PostId)];
    }

    // The same rule as the PostgreSQL index: never someone blocked either way; a private (or not yet known) author
    // only for the author and their followers.
    private Func<long, bool> Visibility(SearchViewer viewer)
    {
        var excluded = viewer.Excluded.ToHashSet();
        var following = viewer.Following.ToHashSet();
        return authorId => authorId == viewer.ViewerId
            || (!excluded.Contains(authorId)
                && ((_users.TryGetValue(authorId, out var author) && !author.User.IsPrivate) || following.Contains(authorId)));
    }

    private static HashSet<long> Intersect(HashSet<long>? current, HashSet<long>? next)
    {
        if (next is null)
        {
            return [];
        }

        if (current is null)
        {
            return [.. next];
        }

        current.IntersectWith(next);
        return current;
    }

    private static HashSet<long> Bucket(Dictionary<string, HashSet<long>> index, string key)
    {
        if (!index.TryGetValue(key, out var bucket))
        {
            index[key] = bucket = [];
        }

        return bucket;
    }

    private static void Unbucket(Dictionary<string, HashSet<long>> index, string key, long postId)
    {
        if (index.TryGetValue(key, out var bucket) && bucket.Remove(postId) && bucket.Count == 0)
        {
            index.Remove(key);
        }
    }

    private sealed record UserEntry(UserDocument User, HashSet<string> UsernameTrigrams, HashSet<string> NameTrigrams, long Stamp);

    private sealed class PostEntry(PostDocument post, HashSet<string> lexemes, long stamp)
    {
        public PostDocument Post { get; } = post;

        public HashSet<string> Lexemes { get; } = lexemes;

        public long Stamp { get; set; } = stamp;
    }
}
