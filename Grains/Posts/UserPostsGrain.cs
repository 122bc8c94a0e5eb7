using Instagram.Grains.Abstractions;
using Instagram.Grains.FanOut;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;

namespace Instagram.Grains.Posts;

internal sealed class UserPostsGrain(
    [PersistentState("posts", ProviderNames.GrainStorage)] IPersistentState<UserPostsState> posts,
    IGrainFactory grains,
    IAuthorPostsIndex authorPosts,
    PostHydrator hydrator,
    IOptions<FeedOptions> options) : Grain, IUserPostsGrain
{
    private long AuthorId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Timelines written before the read model existed (or after it was lost) hand it their posts once.
        if (!posts.State.InReadModel && posts.State.PostIds.Count > 0)
        {
            await authorPosts.SetNewestAsync(AuthorId, Newest());
            posts.State.InReadModel = true;
            await posts.WriteStateAsync();
        }
    }

    public async Task OnPublishedAsync(long postId)
    {
        var ids = posts.State.PostIds;
        var index = ids.BinarySearch(postId, DescendingComparer);
        var stored = Task.CompletedTask;
        if (index < 0)
        {
            ids.Insert(~index, postId);
            posts.State.InReadModel = true;
            stored = posts.WriteStateAsync();
        }

        // Timeline and read model both before any fan-out (a feed rebuilt from the read model never misses a post it
        // was not pushed), side by side rather than one after the other: a post's publication waits for the slower.
        var planned = grains.GetGrain<IFollowersGrain>(AuthorId).GetFanOutPlanAsync();
        try
        {
            await Task.WhenAll(stored, authorPosts.SetNewestAsync(AuthorId, Newest()), planned);
        }
        catch when (stored.IsFaulted)
        {
            ids.Remove(postId); // not stored: the retry must write it again
            throw;
        }

        // Distribute even when the post was already here: a redelivered call may follow a fan-out cut short.
        var plan = await planned;
        if (plan.IsCelebrity)
        {
            await grains.GetGrain<ICelebrityTimelineGrain>(AuthorId).AddAsync(postId);
        }
        else
        {
            await this.PublishToFollowerPagesAsync(AuthorId, [postId], FeedItemKind.Added, plan.PageCount);
        }
    }

    public async Task OnDeletedAsync(long postId)
    {
        if (posts.State.PostIds.Remove(postId))
        {
            await posts.WriteStateAsync();
        }

        // The list is set whole again, so the next older post takes the deleted one's place there.
        await authorPosts.SetNewestAsync(AuthorId, Newest());

        // Feeds drop deleted posts when they hydrate them anyway; the push just frees the space at once.
        // A celebrity's followers are too many to push to, and their feeds pull from the timeline.
        var plan = await grains.GetGrain<IFollowersGrain>(AuthorId).GetFanOutPlanAsync();
        await grains.GetGrain<ICelebrityTimelineGrain>(AuthorId).RemoveAsync(postId);
        if (!plan.IsCelebrity)
        {
            await this.PublishToFollowerPagesAsync(AuthorId, [postId], FeedItemKind.Removed, plan.PageCount);
        }
    }

    // All a cold feed's rebuild takes of one author.
    private long[] Newest() => [.. posts.State.PostIds.Take(options.Value.RebuildPostsPerAuthor)];

    public Task<long[]> GetRecentAsync(int count) => Task.FromResult(posts.State.PostIds.Take(count).ToArray());

    public Task<long> GetCountAsync() => Task.FromResult((long)posts.State.PostIds.Count);

    public async Task<Page<PostView>> GetPageAsync(long viewerId, PageRequest page)
    {
        // The hydrator would hide each post anyway; one check up front spares hydrating a page nobody may see.
        if (await grains.GetGrain<Users.IUserGrain>(AuthorId).GetSummaryAsync() is not { } author
            || !await grains.CanSeeContentAsync(viewerId, author))
        {
            return Page<PostView>.Empty;
        }

        var cursor = page.Cursor ?? long.MaxValue;
        var slice = posts.State.PostIds.SkipWhile(id => id >= cursor).Take(page.Limit + 1).ToArray();
        var pageIds = slice.Take(page.Limit).ToArray();
        var views = await hydrator.HydrateAsync(pageIds, viewerId);
        long? next = slice.Length > page.Limit ? pageIds[^1] : null;
        return new Page<PostView>([.. views.OfType<PostView>()], next);
    }

    public async Task RepushRecentAsync()
    {
        var plan = await grains.GetGrain<IFollowersGrain>(AuthorId).GetFanOutPlanAsync();
        if (!plan.IsCelebrity)
        {
            await this.PublishToFollowerPagesAsync(AuthorId, [.. posts.State.PostIds.Take(options.Value.CelebrityTimelineSize)], FeedItemKind.Added, plan.PageCount);
        }
    }

    private static readonly Comparer<long> DescendingComparer = Comparer<long>.Create((a, b) => b.CompareTo(a));
}
