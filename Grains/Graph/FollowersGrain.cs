using Instagram.Grains.Feed;
using Instagram.Grains.Lists.Paging;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Graph;

// Reentrant: a celebrity takes many follows at once. They interleave and are folded into one flush by the group commit
// (one head write and one write per page touched, for however many follows queued up meanwhile); state changes happen
// only inside the flush loop, one flush at a time, so the head has a single writer.
[Reentrant]
internal sealed partial class FollowersGrain : Grain, IFollowersGrain
{
    // Edge numbers are handed out from blocks: the stored NextSequence is the end of the current block, so most
    // follows cost no write here. A block cut short by a crash leaves a gap, which pages simply never fill.
    private const int SequenceBlock = 64;

    private readonly IPersistentState<FollowersState> _followers;
    private readonly EdgeHead<FollowersState> _head;
    private readonly IGrainFactory _grains;
    private readonly IOptions<FeedOptions> _options;
    private readonly ILogger<FollowersGrain> _logger;
    private readonly GroupCommit<FollowerChange, long> _changes;
    private long _nextSequence;

    public FollowersGrain(
        [PersistentState("followers", ProviderNames.GrainStorage)] IPersistentState<FollowersState> followers,
        IGrainFactory grains,
        IOptions<FeedOptions> options,
        ILogger<FollowersGrain> logger)
    {
        _followers = followers;
        _head = new(followers, FollowerPages.PageSize);
        _grains = grains;
        _options = options;
        _logger = logger;
        _changes = new GroupCommit<FollowerChange, long>(FlushAsync);
    }

    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nextSequence = _followers.State.NextSequence;
        await _head.LoadAsync(page => PageAt(page).GetSizeAsync());
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _head.SettleAsync();

    public Task<long> ReserveSequenceAsync() => _changes.SubmitAsync(FollowerChange.Reserve);

    public Task AddAsync(long followerId, long sequence)
    {
        if (sequence < 0 || sequence >= _followers.State.NextSequence)
        {
            throw DomainException.InvalidInput($"Edge {sequence} was never reserved.");
        }

        return _changes.SubmitAsync(new FollowerChange(followerId, sequence, FollowerChangeKind.Add));
    }

    public Task RemoveAsync(long followerId, long sequence) =>
        _changes.SubmitAsync(new FollowerChange(followerId, sequence, FollowerChangeKind.Remove));

    public Task<long> GetCountAsync() => Task.FromResult(_head.Count);

    public Task<Page<long>> GetPageAsync(PageRequest page) =>
        _head.ReadAsync(page, newestFirst: true, _nextSequence, (pageNo, before, limit) => PageAt(pageNo).GetBeforeAsync(before, limit));

    public Task<FanOutPlan> GetFanOutPlanAsync() => Task.FromResult(new FanOutPlan(
        _followers.State.IsCelebrity,
        (int)FollowerPages.PageOf(_nextSequence + FollowerPages.PageSize - 1)));

    // Edge numbers first (written before any is handed out), then one call per page touched. The sizes stay in memory
    // until deactivation; only a change of celebrity status is written before answering. Results: a reservation gets
    // its edge number, an add or a remove 0.
    private async Task<long[]> FlushAsync(IReadOnlyList<FollowerChange> changes)
    {
        var results = new long[changes.Count];
        var reservations = changes.Count(c => c.Kind == FollowerChangeKind.Reserve);
        if (reservations > 0)
        {
            await ExtendReservedBlockAsync(reservations);
            for (var i = 0; i < changes.Count; i++)
            {
                if (changes[i].Kind == FollowerChangeKind.Reserve)
                {
                    results[i] = _nextSequence++;
                }
            }
        }

        var byPage = changes.Where(c => c.Kind != FollowerChangeKind.Reserve).GroupBy(c => _head.PageOf(c.Sequence)).ToList();
        foreach (var page in byPage)
        {
            await _head.BeforeChangeAsync(page.Key);
        }

        var sizes = await Task.WhenAll(byPage.Select(page => PageAt(page.Key).ChangeAsync(
            [.. page.Where(c => c.Kind == FollowerChangeKind.Add).Select(c => new FollowerAdd(c.FollowerId, c.Sequence))],
            [.. page.Where(c => c.Kind == FollowerChangeKind.Remove).Select(c => c.FollowerId)])));
        var headChanged = false;
        for (var i = 0; i < byPage.Count; i++)
        {
            headChanged |= _head.RecordPageSize(byPage[i].Key, sizes[i]);
        }

        if (headChanged)
        {
            await UpdateCelebrityStatusAsync();
        }

        return results;
    }

    // The stored NextSequence is the end of the block being handed out; a write that fails hands nothing out.
    private async Task ExtendReservedBlockAsync(int needed)
    {
        var storedEnd = _followers.State.NextSequence;
        if (_nextSequence + needed <= storedEnd)
        {
            return;
        }

        _followers.State.NextSequence = _nextSequence + Math.Max(needed, SequenceBlock);
        try
        {
            await _head.WriteAsync();
        }
        catch
        {
            _followers.State.NextSequence = storedEnd;
            throw;
        }
    }

    private IFollowerPageGrain PageAt(long page) => _grains.GetGrain<IFollowerPageGrain>(FollowerPages.Key(UserId, page));

    // Crossing the threshold upwards stops pushing (readers pull the celebrity timeline); falling below the demotion
    // bound, a margin under it, re-pushes the recent posts so followers keep what they used to pull. Feed inserts are
    // idempotent, so nothing is lost or doubled either way.
    private async Task UpdateCelebrityStatusAsync()
    {
        var count = _followers.State.Count;
        var isCelebrity = _followers.State.IsCelebrity
            ? count >= _options.Value.CelebrityDemotionBelow
            : count >= _options.Value.CelebrityThreshold;
        if (isCelebrity == _followers.State.IsCelebrity)
        {
            return;
        }

        _followers.State.IsCelebrity = isCelebrity;
        await _head.WriteAsync();
        await _grains.GetGrain<ICelebrityDirectoryGrain>(0).SetAsync(UserId, isCelebrity);
        LogCelebrityStatusChanged(UserId, isCelebrity, _followers.State.Count);
        if (!isCelebrity)
        {
            await _grains.GetGrain<IUserPostsGrain>(UserId).RepushRecentAsync();
        }
    }

    private enum FollowerChangeKind
    {
        Reserve,
        Add,
        Remove,
    }

    /// <summary>One queued change: a reservation of an edge number, or the add or removal of the edge at <see cref="Sequence"/>.</summary>
    private readonly record struct FollowerChange(long FollowerId, long Sequence, FollowerChangeKind Kind)
    {
        public static FollowerChange Reserve => new(0, 0, FollowerChangeKind.Reserve);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} celebrity status is now {IsCelebrity} at {Followers} followers")]
    private partial void LogCelebrityStatusChanged(long userId, bool isCelebrity, long followers);
}
