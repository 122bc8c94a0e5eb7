using Instagram.Grains.Feed;
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

        if (following.State.Edges.ContainsKey(targetId))
        {
            return FollowState.Following;
        }

        if (await grains.GetGrain<IUserGrain>(targetId).GetSummaryAsync() is null)
        {
            throw DomainException.NotFound("user");
        }

        if (following.State.Edges.Count >= IFollowingGrain.MaxFollowing)
        {
            throw DomainException.Unprocessable($"You cannot follow more than {IFollowingGrain.MaxFollowing} accounts.");
        }

        var followerSequence = await grains.GetGrain<IFollowersGrain>(targetId).AddAsync(UserId);
        following.State.Edges[targetId] = new FollowingEdge(following.State.NextLocalSequence++, followerSequence);
        await following.WriteStateAsync();
        await grains.GetGrain<IFeedGrain>(UserId).OnFollowedAsync(targetId);
        return FollowState.Following;
    }

    public async Task UnfollowAsync(long targetId)
    {
        if (!following.State.Edges.Remove(targetId, out var edge))
        {
            return;
        }

        await following.WriteStateAsync();
        await grains.GetGrain<IFollowersGrain>(targetId).RemoveAsync(UserId, edge.FollowerSequence);
        await grains.GetGrain<IFeedGrain>(UserId).OnUnfollowedAsync(targetId);
    }

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
}
