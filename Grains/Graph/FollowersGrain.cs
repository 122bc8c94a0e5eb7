using Instagram.Grains.Feed;
using Instagram.Grains.Lists.Paging;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Graph;

// Reentrant: a popular account takes many follows at once. Their page changes are folded into one write per page by
// the group commit, which runs one flush at a time; the head record is written one write at a time by EdgeHead.
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
    private readonly GroupCommit<EdgeChange, bool> _changes;
    private long _nextSequence;
    private Task? _reservingBlock;

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
        _changes = new GroupCommit<EdgeChange, bool>(FlushAsync);
    }

    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nextSequence = _followers.State.NextSequence;
        await _head.LoadAsync(page => PageAt(page).GetSizeAsync());
        _head.WriteBehind(this);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _head.SettleAsync();

    public async Task<long> ReserveSequenceAsync()
    {
        // Callers that meet an exhausted block all wait for the one write of the next block.
        while (_nextSequence >= _followers.State.NextSequence)
        {
            if (_reservingBlock is null || _reservingBlock.IsCompleted)
            {
                _reservingBlock = ReserveBlockAsync();
            }

            await _reservingBlock;
        }

        return _nextSequence++;
    }

    public Task AddAsync(long followerId, long sequence)
    {
        if (sequence < 0 || sequence >= _followers.State.NextSequence)
        {
            throw DomainException.InvalidInput($"Edge {sequence} was never reserved.");
        }

        return _changes.SubmitAsync(new EdgeChange(followerId, sequence, IsAdd: true));
    }

    public Task RemoveAsync(long followerId, long sequence) => _changes.SubmitAsync(new EdgeChange(followerId, sequence, IsAdd: false));

    public Task<long> GetCountAsync() => Task.FromResult(_head.Count);

    public Task<Page<long>> GetPageAsync(PageRequest page) =>
        _head.ReadAsync(page, newestFirst: true, _nextSequence, (pageNo, before, limit) => PageAt(pageNo).GetBeforeAsync(before, limit));

    public Task<FanOutPlan> GetFanOutPlanAsync() => Task.FromResult(new FanOutPlan(
        _followers.State.IsCelebrity,
        (int)FollowerPages.PageOf(_nextSequence + FollowerPages.PageSize - 1)));

    // A block is stored before any number from it is handed out; a failed write hands out none.
    private async Task ReserveBlockAsync()
    {
        var stored = _followers.State.NextSequence;
        _followers.State.NextSequence = _nextSequence + SequenceBlock;
        try
        {
            await _head.WriteAsync();
        }
        catch
        {
            _followers.State.NextSequence = stored;
            throw;
        }
    }

    // Every page change goes through here, one flush at a time: each page touched gets one call and one write. The
    // sizes are written behind; only a change of celebrity status is written before the callers are answered.
    private async Task<bool[]> FlushAsync(IReadOnlyList<EdgeChange> changes)
    {
        var pages = changes
            .GroupBy(c => c.FollowerId).Select(c => c.Last()) // one follower's changes queued together: the last one stands
            .GroupBy(c => _head.PageOf(c.Sequence))
            .ToList();
        foreach (var page in pages)
        {
            await _head.BeforeChangeAsync(page.Key);
        }

        var sizes = await Task.WhenAll(pages.Select(page => PageAt(page.Key).ChangeAsync(
            [.. page.Where(c => c.IsAdd).Select(c => new FollowerAdd(c.FollowerId, c.Sequence))],
            [.. page.Where(c => !c.IsAdd).Select(c => c.FollowerId)])));
        var changed = false;
        for (var i = 0; i < pages.Count; i++)
        {
            changed |= _head.RecordPageSize(pages[i].Key, sizes[i]);
        }

        if (changed)
        {
            await UpdateCelebrityStatusAsync();
        }

        return new bool[changes.Count];
    }

    private IFollowerPageGrain PageAt(long page) => _grains.GetGrain<IFollowerPageGrain>(FollowerPages.Key(UserId, page));

    // Crossing the threshold upwards stops pushing (readers pull the celebrity timeline); crossing it downwards
    // re-pushes the recent posts so followers keep what they used to pull. Feed inserts are idempotent, so
    // nothing is lost or doubled either way.
    private async Task UpdateCelebrityStatusAsync()
    {
        var isCelebrity = _followers.State.Count >= _options.Value.CelebrityThreshold;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} celebrity status is now {IsCelebrity} at {Followers} followers")]
    private partial void LogCelebrityStatusChanged(long userId, bool isCelebrity, long followers);

    /// <summary>A follower's edge to add or to remove, at the sequence it was given.</summary>
    private readonly record struct EdgeChange(long FollowerId, long Sequence, bool IsAdd);
}
