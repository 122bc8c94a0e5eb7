using Instagram.Grains.Graph;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;

namespace Instagram.Grains.Search;

/// <summary>
/// Answers searches on every silo (a stateless worker). The index filters by the viewer's blocks and follows; what
/// it returns is then re-checked against the grains (current profile, follower count, post visibility), because the
/// index follows the events a moment behind.
/// </summary>
[StatelessWorker]
internal sealed class SearchGrain(ISearchIndex index, IGrainFactory grains, PostHydrator hydrator) : Grain, ISearchGrain
{
    /// <summary>Extra user candidates fetched so that follower counts can reorder them.</summary>
    private const int ExtraUserCandidates = 50;

    /// <summary>How many times a post page goes back to the index when hydration drops candidates.</summary>
    private const int MaxPostRounds = 4;

    public async Task<UserSearchResult[]> SearchUsersAsync(long viewerId, string query, int limit)
    {
        var key = SearchRules.UserKey(SearchRules.Query(query));
        SearchRules.Limit(limit);
        if (key.Length == 0)
        {
            return [];
        }

        var viewer = await ViewerAsync(viewerId, withFollowing: false);
        var hits = await index.SearchUsersAsync(new UserQuery(key, limit + ExtraUserCandidates, viewer));
        var candidates = await Task.WhenAll(hits.Select(async hit =>
        {
            var summary = grains.GetGrain<IUserGrain>(hit.UserId).GetSummaryAsync();
            var followers = grains.GetGrain<IFollowersGrain>(hit.UserId).GetCountAsync();
            return (Hit: hit, User: await summary, Followers: await followers);
        }));

        var excluded = viewer.Excluded.ToHashSet();
        return [.. candidates
            .Where(c => c.User is not null && !excluded.Contains(c.User.Id) && !c.User.IsHiddenFrom(viewerId))
            .OrderByDescending(c => c.Hit.Tier)
            .ThenByDescending(c => c.User!.IsVerified)
            .ThenByDescending(c => c.Followers)
            .ThenByDescending(c => c.Hit.Similarity)
            .ThenBy(c => c.User!.Username, StringComparer.Ordinal)
            .Take(limit)
            .Select(c => new UserSearchResult(c.User!, c.Followers))];
    }

    public async Task<HashtagSearchResult[]> SearchHashtagsAsync(long viewerId, string query, int limit)
    {
        var key = SearchRules.TagKey(SearchRules.Query(query));
        SearchRules.Limit(limit);
        if (key.Length == 0)
        {
            return [];
        }

        var hits = await index.SearchHashtagsAsync(new HashtagQuery(key, limit, await ViewerAsync(viewerId, withFollowing: true)));
        return [.. hits.Select(h => new HashtagSearchResult(h.Tag, h.PostCount))];
    }

    public async Task<Page<PostView>> SearchPostsAsync(long viewerId, PostSearch search, PageRequest page)
    {
        search = SearchRules.Validate(search);
        var limit = SearchRules.Limit(page.Limit);
        var viewer = await ViewerAsync(viewerId, withFollowing: true);
        var results = new List<PostView>(limit);
        var before = page.Cursor;
        var exhausted = false;
        for (var round = 0; round < MaxPostRounds && results.Count < limit && !exhausted; round++)
        {
            // One more than needed, to know whether anything follows the page.
            var wanted = limit - results.Count + 1;
            var ids = await index.SearchPostsAsync(new PostQuery(search.Text, search.Hashtag, search.Place, before, wanted, viewer));
            exhausted = ids.Count < wanted;
            var views = await hydrator.HydrateAsync(ids, viewerId);
            for (var i = 0; i < ids.Count && results.Count < limit; i++)
            {
                before = ids[i];
                if (views[i] is { Post.Status: PostStatus.Published } view)
                {
                    results.Add(view);
                }
            }

            if (results.Count == limit && before != ids[^1])
            {
                exhausted = false; // the page filled before the batch ran out: more may follow
                break;
            }
        }

        // Full page: continue after its last post. Short page with candidates left (the rounds ran out): continue
        // after the last candidate looked at. Nothing left: no cursor.
        long? next = exhausted ? null : results.Count == limit ? results[^1].Post.Id : before;
        return new Page<PostView>(results, next);
    }

    private async Task<SearchViewer> ViewerAsync(long viewerId, bool withFollowing)
    {
        var excluded = grains.GetGrain<IBlocksGrain>(viewerId).GetExcludedAsync();
        var following = withFollowing ? grains.GetGrain<IFollowingGrain>(viewerId).GetFollowingIdsAsync() : Task.FromResult<long[]>([]);
        return new SearchViewer(viewerId, await excluded, await following);
    }
}
