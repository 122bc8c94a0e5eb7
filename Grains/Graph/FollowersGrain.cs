using Instagram.Grains.Feed;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Graph;

internal sealed partial class FollowersGrain(
    [PersistentState("followers", ProviderNames.GrainStorage)] IPersistentState<FollowersState> followers,
    IGrainFactory grains,
    IOptions<FeedOptions> options,
    ILogger<FollowersGrain> logger) : Grain, IFollowersGrain
{
    // Edge numbers are handed out from blocks: the stored NextSequence is the end of the current block, so most
    // follows cost no write here. A block cut short by a crash leaves a gap, which pages simply never fill.
    private const int SequenceBlock = 64;

    private long _nextSequence;

    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nextSequence = followers.State.NextSequence;
        // Records written before the pages reported their sizes: ask each page once.
        if (followers.State.PageSizes.Count == 0 && followers.State.NextSequence > 0)
        {
            var pages = FollowerPages.PageOf(followers.State.NextSequence - 1) + 1;
            var sizes = await Task.WhenAll(Enumerable.Range(0, (int)pages).Select(p =>
                grains.GetGrain<IFollowerPageGrain>(FollowerPages.Key(UserId, p)).GetSizeAsync()));
            for (var page = 0; page < sizes.Length; page++)
            {
                followers.State.PageSizes[page] = sizes[page];
            }

            followers.State.Count = sizes.Sum();
        }
    }

    public async Task<long> ReserveSequenceAsync()
    {
        if (_nextSequence >= followers.State.NextSequence)
        {
            followers.State.NextSequence = _nextSequence + SequenceBlock;
            await followers.WriteStateAsync();
        }

        return _nextSequence++;
    }

    public async Task AddAsync(long followerId, long sequence)
    {
        if (sequence < 0 || sequence >= followers.State.NextSequence)
        {
            throw DomainException.InvalidInput($"Edge {sequence} was never reserved.");
        }

        await RecordPageSizeAsync(sequence, await PageOf(sequence).AddAsync(followerId, sequence));
    }

    public async Task RemoveAsync(long followerId, long sequence) =>
        await RecordPageSizeAsync(sequence, await PageOf(sequence).RemoveAsync(followerId));

    public Task<long> GetCountAsync() => Task.FromResult(followers.State.Count);

    public async Task<Page<long>> GetPageAsync(PageRequest page)
    {
        var before = page.Cursor ?? _nextSequence;
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
        (int)FollowerPages.PageOf(_nextSequence + FollowerPages.PageSize - 1)));

    private async Task RecordPageSizeAsync(long sequence, int size)
    {
        var page = FollowerPages.PageOf(sequence);
        if (followers.State.PageSizes.TryGetValue(page, out var known) && known == size)
        {
            return;
        }

        followers.State.PageSizes[page] = size;
        followers.State.Count = followers.State.PageSizes.Values.Sum(s => (long)s);
        await followers.WriteStateAsync();
        await UpdateCelebrityStatusAsync();
    }

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
