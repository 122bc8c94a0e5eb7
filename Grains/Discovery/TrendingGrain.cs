using Instagram.Grains.Lists;

namespace Instagram.Grains.Discovery;

/// <summary>
/// One window's tag uses, per post, counting only public accounts' undeleted posts. Writes behind every few seconds:
/// trending is derived data.
/// </summary>
internal sealed class TrendingGrain(
    [PersistentState("trending", ProviderNames.GrainStorage)] IPersistentState<TrendingState> trending,
    IGrainFactory grains,
    TimeProvider time) : Grain, ITrendingGrain
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    private WriteBehind _writes = null!;

    private TimeSpan Window => TrendingWindows.All.TryGetValue(this.GetPrimaryKeyString(), out var window)
        ? window
        : throw DomainException.InvalidInput("window must be 1h, 24h or 7d.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = new WriteBehind(this, FlushInterval, WriteAsync);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync();

    public Task ApplyAsync(TrendingChange[] changes)
    {
        var state = trending.State;
        foreach (var change in changes)
        {
            switch (change.Kind)
            {
                case TrendingChangeKind.PostPublished when !state.DeletedPosts.ContainsKey(change.PostId):
                    // A redelivered use is already there; a use arriving after its post's deletion stays out.
                    foreach (var tag in change.Tags)
                    {
                        var accounts = state.Tags.TryGetValue(tag, out var a) ? a : state.Tags[tag] = [];
                        var posts = accounts.TryGetValue(change.AccountId, out var p) ? p : accounts[change.AccountId] = [];
                        if (!posts.Exists(use => use.PostId == change.PostId))
                        {
                            posts.Add(new PostUse(change.PostId, change.At));
                        }
                    }

                    break;
                case TrendingChangeKind.PostDeleted:
                    state.DeletedPosts[change.PostId] = change.At;
                    foreach (var tag in change.Tags)
                    {
                        if (state.Tags.TryGetValue(tag, out var accounts) && accounts.TryGetValue(change.AccountId, out var posts))
                        {
                            posts.RemoveAll(use => use.PostId == change.PostId);
                            if (posts.Count == 0)
                            {
                                accounts.Remove(change.AccountId);
                            }
                        }
                    }

                    break;
                case TrendingChangeKind.AccountPrivate:
                    state.PrivateAccounts[change.AccountId] = change.At;
                    break;
                case TrendingChangeKind.AccountPublic
                    when state.PrivateAccounts.TryGetValue(change.AccountId, out var since) && since <= change.At:
                    // An older "public" that crossed a newer "private" does not undo it.
                    state.PrivateAccounts.Remove(change.AccountId);
                    break;
            }
        }

        _writes.MarkDirty();
        return Task.CompletedTask;
    }

    // Privacy is applied here, from the account's privacy changes the indexers send, not read per author at query time:
    // a 7-day window holds uses by very many accounts, and asking each one's user grain on every read would cost far
    // more than one small change per privacy switch. A private account's uses stay (hidden) until they age out, so it
    // counts again if it turns public; posts published while private were never sent, and stay out.
    public Task<TrendingTag[]> GetTopAsync(int count)
    {
        var now = time.GetUtcNow();
        var window = Window;
        var privateAccounts = trending.State.PrivateAccounts;
        return Task.FromResult(trending.State.Tags
            .Select(tag =>
            {
                // Each visible account counts once, at its newest use of the tag.
                var lastUses = tag.Value
                    .Where(account => !privateAccounts.ContainsKey(account.Key))
                    .Select(account => account.Value.Max(use => use.At))
                    .Where(at => now - at < window)
                    .ToArray();
                return new TrendingTag(tag.Key, TrendingScore.Of(lastUses, now, window), lastUses.Length);
            })
            .Where(tag => tag.Accounts > 0)
            .OrderByDescending(tag => tag.Score)
            .ThenBy(tag => tag.Tag, StringComparer.Ordinal)
            .Take(count)
            .ToArray());
    }

    public async Task<TrendingHashtag[]> GetTopWithPostCountsAsync(int count)
    {
        var top = await GetTopAsync(count);
        var counts = await Task.WhenAll(top.Select(t => grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.HashtagPosts, t.Tag)).GetCountAsync()));
        return [.. top.Select((t, i) => new TrendingHashtag(t.Tag, t.Score, counts[i]))];
    }

    private Task WriteAsync()
    {
        // Forget what fell out of the window before writing: uses, then tombstones (a late use of that post would be
        // as old, so out of the window anyway), then private marks of accounts with no use left and older than the window.
        var now = time.GetUtcNow();
        var window = Window;
        var state = trending.State;
        var stillUsing = new HashSet<long>();
        foreach (var (tag, accounts) in state.Tags.ToArray())
        {
            foreach (var (account, posts) in accounts.ToArray())
            {
                posts.RemoveAll(use => now - use.At >= window);
                if (posts.Count == 0)
                {
                    accounts.Remove(account);
                }
                else
                {
                    stillUsing.Add(account);
                }
            }

            if (accounts.Count == 0)
            {
                state.Tags.Remove(tag);
            }
        }

        foreach (var (post, _) in state.DeletedPosts.Where(d => now - d.Value >= window).ToArray())
        {
            state.DeletedPosts.Remove(post);
        }

        foreach (var (account, _) in state.PrivateAccounts.Where(p => now - p.Value >= window && !stillUsing.Contains(p.Key)).ToArray())
        {
            state.PrivateAccounts.Remove(account);
        }

        return trending.WriteStateAsync();
    }
}
