using Instagram.Grains.Feed;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Graph;

internal sealed partial class FollowersGrain(
    [PersistentState("followers", ProviderNames.GrainStorage)] IPersistentState<FollowersState> followers,
    IGrainFactory grains,
    IOptions<FeedOptions> options,
    ILogger<FollowersGrain> logger) : Grain, IFollowersGrain
{
    private long UserId => this.GetPrimaryKeyLong();

    public async Task<long> AddAsync(long followerId)
    {
        var sequence = followers.State.NextSequence++;
        followers.State.Count++;
        await followers.WriteStateAsync();
        try
        {
            await PageOf(sequence).AddAsync(followerId, sequence);
        }
        catch
        {
            // The edge was not stored: give the count back so it never overstates the audience.
            followers.State.Count--;
            await followers.WriteStateAsync();
            throw;
        }

        await UpdateCelebrityStatusAsync();
        return sequence;
    }

    public async Task RemoveAsync(long followerId, long sequence)
    {
        if (!await PageOf(sequence).RemoveAsync(followerId))
        {
            return;
        }

        followers.State.Count = Math.Max(0, followers.State.Count - 1);
        await followers.WriteStateAsync();
        await UpdateCelebrityStatusAsync();
    }

    public Task<long> GetCountAsync() => Task.FromResult(followers.State.Count);

    public async Task<Page<long>> GetPageAsync(PageRequest page)
    {
        var before = page.Cursor ?? followers.State.NextSequence;
        var collected = new List<FollowerEdge>(page.Limit + 1);
        for (var pageNo = FollowerPages.PageOf(before - 1); pageNo >= 0 && collected.Count <= page.Limit; pageNo--)
        {
            var edges = await grains.GetGrain<IFollowerPageGrain>(FollowerPages.Key(UserId, pageNo))
                .GetBeforeAsync(before, page.Limit + 1 - collected.Count);
            collected.AddRange(edges);
        }

        var items = collected.Take(page.Limit).ToList();
        long? next = collected.Count > page.Limit ? items[^1].Sequence : null;
        return new Page<long>([.. items.Select(e => e.FollowerId)], next);
    }

    public Task<FanOutPlan> GetFanOutPlanAsync() => Task.FromResult(new FanOutPlan(
        followers.State.IsCelebrity,
        (int)FollowerPages.PageOf(followers.State.NextSequence + FollowerPages.PageSize - 1)));

    private IFollowerPageGrain PageOf(long sequence) =>
        grains.GetGrain<IFollowerPageGrain>(FollowerPages.Key(UserId, FollowerPages.PageOf(sequence)));

    // Crossing the threshold upwards stops pushing (readers pull the celebrity timeline); crossing it downwards
    // re-pushes the recent posts so followers keep what they used to pull. Feed inserts are idempotent, so
    // nothing is lost or doubled either way.
    private async Task UpdateCelebrityStatusAsync()
    {
        var isCelebrity = followers.State.Count >= options.Value.CelebrityThreshold;
        if (isCelebrity == followers.State.IsCelebrity)
        {
            return;
        }

        followers.State.IsCelebrity = isCelebrity;
        await followers.WriteStateAsync();
        await grains.GetGrain<ICelebrityDirectoryGrain>(0).SetAsync(UserId, isCelebrity);
        LogCelebrityStatusChanged(UserId, isCelebrity, followers.State.Count);
        if (!isCelebrity)
        {
            await grains.GetGrain<IUserPostsGrain>(UserId).RepushRecentAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} celebrity status is now {IsCelebrity} at {Followers} followers")]
    private partial void LogCelebrityStatusChanged(long userId, bool isCelebrity, long followers);
}
