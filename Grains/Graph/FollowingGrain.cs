using Instagram.Grains.Feed;
using Instagram.Grains.Notifications;
using Instagram.Grains.Users;

namespace Instagram.Grains.Graph;

internal sealed class FollowingGrain(
    [PersistentState("following", ProviderNames.GrainStorage)] IPersistentState<FollowingState> following,
    IGrainFactory grains,
    IOptions<FeedOptions> options,
    FollowerActivityMarks activityMarks,
    StoredFollowingPages storedPages,
    TimeProvider time) : Grain, IFollowingGrain
{
    private FollowingList _list = null!;

    // Follows whose edge on the target's follower list this activation saw stored. A follow found on the following
    // list but not here may have failed half way (before a crash, or in a call whose answer was lost): following again
    // completes it, with the edge number the following page holds.
    private readonly HashSet<long> _confirmed = [];

    private long UserId => this.GetPrimaryKeyLong();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _list = new FollowingList(following, grains, storedPages, UserId, this.DeactivateOnIdle);
        return _list.LoadAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _list.SettleAsync();

    public async Task<FollowState> FollowAsync(long targetId)
    {
        if (targetId == UserId)
        {
            throw DomainException.Unprocessable("You cannot follow yourself.");
        }

        var current = State(targetId);
        if (current == FollowState.Following && !_confirmed.Contains(targetId))
        {
            await ConfirmEdgeAsync(_list.Find(targetId)!.Value);
        }

        if (current != FollowState.None)
        {
            return current;
        }

        // A blocked pair (or a suspended account) looks like an unknown user: the answer must not reveal the block.
        var target = await grains.GetGrain<IUserGrain>(targetId).GetSummaryAsync();
        if (target is null || target.IsHiddenFrom(UserId) || await grains.IsBlockedEitherWayAsync(UserId, targetId))
        {
            throw DomainException.NotFound("user");
        }

        if (_list.Count + following.State.PendingRequests.Count >= IFollowingGrain.MaxFollowing)
        {
            throw DomainException.Unprocessable($"You cannot follow more than {IFollowingGrain.MaxFollowing} accounts.");
        }

        if (target.IsPrivate)
        {
            following.State.PendingRequests.Add(targetId);
            await _list.WriteHeadAsync();
            await grains.GetGrain<IFollowRequestsGrain>(targetId).AddAsync(UserId);
            await this.NotifyAsync(targetId, NotificationType.FollowRequest, UserId);
            return FollowState.Requested;
        }

        await CreateEdgeAsync(targetId);
        await this.NotifyAsync(targetId, NotificationType.Follow, UserId);
        await RecordActivityAsync(newEdge: targetId); // following is activity too (the new edge already says so)
        return FollowState.Following;
    }

    public async Task UnfollowAsync(long targetId)
    {
        if (following.State.PendingRequests.Remove(targetId))
        {
            await _list.WriteHeadAsync();
            await grains.GetGrain<IFollowRequestsGrain>(targetId).WithdrawAsync(UserId);
            return;
        }

        var followers = grains.GetGrain<IFollowersGrain>(targetId);
        if (following.State.ReservedSequences.Remove(targetId, out var reserved))
        {
            // A follow that failed half way under an earlier version may have left its edge on the target's page.
            await followers.RemoveAsync(UserId, reserved);
            await _list.WriteHeadAsync();
        }

        if (_list.Find(targetId) is not { } edge)
        {
            return;
        }

        // The target's side goes first: a failure in between leaves the follow listed here, and unfollowing again
        // finishes. The other order could leave an edge on the target's list that nothing here points to.
        await followers.RemoveAsync(UserId, edge.FollowerSequence);
        _confirmed.Remove(targetId);
        await _list.RemoveAsync(targetId);
        await grains.GetGrain<IFeedGrain>(UserId).OnUnfollowedAsync(targetId);
    }

    public async Task CompleteRequestAsync(long targetId)
    {
        // A request withdrawn meanwhile stays withdrawn.
        if (following.State.PendingRequests.Remove(targetId))
        {
            await CreateEdgeAsync(targetId);
            await this.NotifyAsync(targetId, NotificationType.Follow, UserId);
        }
    }

    public async Task DropRequestAsync(long targetId)
    {
        if (following.State.PendingRequests.Remove(targetId))
        {
            await _list.WriteHeadAsync();
        }
    }

    public Task<FollowState> GetStateAsync(long targetId) => Task.FromResult(State(targetId));

    public Task<bool> IsFollowingAsync(long targetId) => Task.FromResult(_list.Contains(targetId));

    public Task<long[]> GetFollowingIdsAsync() => Task.FromResult(_list.Entries.Select(e => e.TargetId).ToArray());

    public Task<long> GetCountAsync() => Task.FromResult((long)_list.Count);

    public Task<Page<long>> GetPageAsync(PageRequest page) => Task.FromResult(_list.Read(page));

    private FollowState State(long targetId) =>
        _list.Contains(targetId) ? FollowState.Following
        : following.State.PendingRequests.Contains(targetId) ? FollowState.Requested
        : FollowState.None;

    public Task<bool> RecordActivityAsync() => RecordActivityAsync(newEdge: null);

    // The edge a follow just created carries its time already: marking it again would cost its page a second write, and
    // on a celebrity's page, which every new follower lands on, that write is what limits the follow rate.
    private async Task<bool> RecordActivityAsync(long? newEdge)
    {
        var now = time.GetUtcNow();
        if (now - following.State.ActivityRecordedAt < options.Value.EffectiveActivityRecordInterval)
        {
            return false;
        }

        // One mark per followed author's page, grouped with other users' marks to the same page. A page that fails keeps
        // the older time, which at worst skips this follower until the next interval, while their feed still pulls on
        // its first read.
        await Task.WhenAll(_list.Entries.Where(edge => edge.TargetId != newEdge).Select(edge =>
            activityMarks.MarkAsync(FollowerPages.Key(edge.TargetId, FollowerPages.PageOf(edge.FollowerSequence)), UserId, now)));

        // Pushes were skipped only if the last record is older than the inactivity bound.
        var mayHaveMissedPushes = now - following.State.ActivityRecordedAt >= options.Value.InactiveAfter;
        following.State.ActivityRecordedAt = now;
        await _list.WriteHeadAsync();
        return mayHaveMissedPushes;
    }

    // This side's page first, holding the edge number the target's list handed out; then the edge on the target's
    // list. A failure in between leaves the follow listed here but unconfirmed, and following again adds that same
    // edge (the add is idempotent), never a second one. A number handed out and never used is a gap, nothing more.
    private async Task CreateEdgeAsync(long targetId)
    {
        if (!following.State.ReservedSequences.TryGetValue(targetId, out var followerSequence))
        {
            followerSequence = await grains.GetGrain<IFollowersGrain>(targetId).ReserveSequenceAsync();
        }

        await ConfirmEdgeAsync(await _list.AddAsync(targetId, followerSequence));
    }

    private async Task ConfirmEdgeAsync(FollowingEntry entry)
    {
        await grains.GetGrain<IFollowersGrain>(entry.TargetId).AddAsync(UserId, entry.FollowerSequence);
        _confirmed.Add(entry.TargetId);
        await grains.GetGrain<IFeedGrain>(UserId).OnFollowedAsync(entry.TargetId);
    }
}
