using Instagram.Grains.Posts;

namespace Instagram.Grains.Feed;

// Reentrant: every follower's feed reads this timeline, and all changes happen between awaits, so reads may
// interleave with each other and with writes without seeing a half-made list.
[Reentrant]
internal sealed class CelebrityTimelineGrain(IGrainFactory grains, IOptions<FeedOptions> options) : Grain, ICelebrityTimelineGrain
{
    private long[] _recent = [];

    // Derived state: the author's own timeline is the source of truth, so this grain stores nothing.
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _recent = await grains.GetGrain<IUserPostsGrain>(this.GetPrimaryKeyLong()).GetRecentAsync(options.Value.CelebrityTimelineSize);

    public Task AddAsync(long postId)
    {
        if (Array.IndexOf(_recent, postId) < 0)
        {
            _recent = [.. _recent.Append(postId).OrderDescending().Take(options.Value.CelebrityTimelineSize)];
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(long postId)
    {
        _recent = [.. _recent.Where(id => id != postId)];
        return Task.CompletedTask;
    }

    public Task<long[]> GetRecentAsync() => Task.FromResult(_recent);
}
