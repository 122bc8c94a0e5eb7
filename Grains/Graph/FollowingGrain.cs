using Instagram.Grains.Feed;
using Instagram.Grains.Notifications;
using Instagram.Grains.Users;

namespace Instagram.Grains.Graph;

internal sealed class FollowingGrain(
    [PersistentState("following", ProviderNames.GrainStorage)] IPersistentState<FollowingState> following,
    IGrainFactory grains) : Grain, IFollowingGrain
{
    private long UserId => this.GetPrimaryKeyLong();

    public async Task<FollowState> FollowAsync(long targetId)
    {
        if (targetId == UserId)
        {
            throw DomainException.Unprocessable("You cannot follow yourself.");
        }

        var current = State(targetId);
        if (current != FollowState.None)
        {
            return current;
        }

        // A blocked pair looks like an unknown user: the answer must not reveal the block.
        var target = await grains.GetGrain<IUserGrain>(targetId).GetSummaryAsync();
        if (target is null || await grains.IsBlockedEitherWayAsync(UserId, targetId))
        {
            throw DomainException.NotFound("user");
        }

        if (following.State.Edges.Count + following.State.PendingRequests.Count >= IFollowingGrain.MaxFollowing)
        {
            throw DomainException.Unprocessable($"You cannot follow more than {IFollowingGrain.MaxFollowing} accounts.");
        }

        if (target.IsPrivate)
        {
            following.State.PendingRequests.Add(targetId);
            await following.WriteStateAsync();
            await grains.GetGrain<IFollowRequestsGrain>(targetId).AddAsync(UserId);
            await this.NotifyAsync(targetId, NotificationType.FollowRequest, UserId);
            return FollowState.Requested;
        }

        await CreateEdgeAsync(targetId);
        await this.NotifyAsync(targetId, NotificationType.Follow, UserId);
        return FollowState.Following;
    }

    public async Task UnfollowAsync(long targetId)
    {
        if (following.State.PendingRequests.Remove(targetId))
        {
            await following.WriteStateAsync();
            await grains.GetGrain<IFollowRequestsGrain>(targetId).WithdrawAsync(UserId);
            return;
        }

        if (!following.State.Edges.Remove(targetId, out var edge))
        {
            return;
        }

        await following.WriteStateAsync();
        await grains.GetGrain<IFollowersGrain>(targetId).RemoveAsync(UserId, edge.FollowerSequence);
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
            await following.WriteStateAsync();
        }
    }

    public Task<FollowState> GetStateAsync(long targetId) => Task.FromResult(State(targetId));

    public Task<bool> IsFollowingAsync(long targetId) => Task.FromResult(following.State.Edges.ContainsKey(targetId));

    public Task<long[]> GetFollowingIdsAsync() => Task.FromResult(following.State.Edges.Keys.ToArray());

    public Task<long> GetCountAsync() => Task.FromResult((long)following.State.Edges.Count);

    public Task<Page<long>> GetPageAsync(PageRequest page)
    {
        var cursor = page.Cursor ?? long.MaxValue;
        var slice = following.State.Edges
            .Where(e => e.Value.LocalSequence < cursor)
            .OrderByDescending(e => e.Value.LocalSequence)
            .Take(page.Limit + 1)
            .ToList();
        var items = slice.Take(page.Limit).ToList();
        long? next = slice.Count > page.Limit ? items[^1].Value.LocalSequence : null;
        return Task.FromResult(new Page<long>([.. items.Select(e => e.Key)], next));
    }

    private FollowState State(long targetId) =>
        following.State.Edges.ContainsKey(targetId) ? FollowState.Following
        : following.State.PendingRequests.Contains(targetId) ? FollowState.Requested
        : FollowState.None;

    private async Task CreateEdgeAsync(long targetId)
    {
        var followerSequence = await grains.GetGrain<IFollowersGrain>(targetId).AddAsync(UserId);
        following.State.Edges[targetId] = new FollowingEdge(following.State.NextLocalSequence++, followerSequence);
        await following.WriteStateAsync();
        await grains.GetGrain<IFeedGrain>(UserId).OnFollowedAsync(targetId);
    }
}
