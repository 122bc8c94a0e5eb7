using Instagram.Grains.Feed;
using Instagram.Grains.Lists.Paging;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Graph;

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
    }

    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nextSequence = _followers.State.NextSequence;
        await _head.LoadAsync(page => PageAt(page).GetSizeAsync());
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _head.SettleAsync();

    public async Task<long> ReserveSequenceAsync()
    {
        if (_nextSequence >= _followers.State.NextSequence)
        {
            _followers.State.NextSequence = _nextSequence + SequenceBlock;
            await _head.WriteAsync();
        }

        return _nextSequence++;
    }

    public async Task AddAsync(long followerId, long sequence)
    {
        if (sequence < 0 || sequence >= _followers.State.NextSequence)
        {
            throw DomainException.InvalidInput($"Edge {sequence} was never reserved.");
        }

        await ChangeAsync(sequence, [new FollowerAdd(followerId, sequence)], []);
    }

    public Task RemoveAsync(long followerId, long sequence) => ChangeAsync(sequence, [], [followerId]);

    public Task<long> GetCountAsync() => Task.FromResult(_head.Count);

    public Task<Page<long>> GetPageAsync(PageRequest page) =>
        _head.ReadAsync(page, newestFirst: true, _nextSequence, (pageNo, before, limit) => PageAt(pageNo).GetBeforeAsync(before, limit));

    public Task<FanOutPlan> GetFanOutPlanAsync() => Task.FromResult(new FanOutPlan(
        _followers.State.IsCelebrity,
        (int)FollowerPages.PageOf(_nextSequence + FollowerPages.PageSize - 1)));

    // The size stays in memory until deactivation; only a change of celebrity status is written before answering.
    private async Task ChangeAsync(long sequence, FollowerAdd[] adds, long[] removals)
    {
        var page = _head.PageOf(sequence);
        await _head.BeforeChangeAsync(page);
        if (_head.RecordPageSize(page, await PageAt(page).ChangeAsync(adds, removals)))
        {
            await UpdateCelebrityStatusAsync();
        }
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
}
