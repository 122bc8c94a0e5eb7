using Instagram.Grains.Users;

namespace Instagram.Grains.Graph;

internal sealed class BlocksGrain(
    [PersistentState("blocks", ProviderNames.GrainStorage)] IPersistentState<BlocksState> blocks,
    IGrainFactory grains) : Grain, IBlocksGrain
{
    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (blocks.State.LegacyBlocking is { Count: > 0 } legacy)
        {
            foreach (var id in legacy.Order())
            {
                blocks.State.Blocking.Add(id);
            }

            blocks.State.LegacyBlocking = null;
            await blocks.WriteStateAsync(cancellationToken);
        }
    }

    public async Task BlockAsync(long targetId)
    {
        if (targetId == UserId)
        {
            throw DomainException.Unprocessable("You cannot block yourself.");
        }

        if (await grains.GetGrain<IUserGrain>(targetId).GetSummaryAsync() is null)
        {
            throw DomainException.NotFound("user");
        }

        if (blocks.State.Blocking.Add(targetId))
        {
            await blocks.WriteStateAsync();
        }

        await grains.GetGrain<IBlocksGrain>(targetId).SetBlockedByAsync(UserId, blocked: true);
        // Unfollowing also withdraws a pending request, and drops each other's posts from both feeds.
        await Task.WhenAll(
            grains.GetGrain<IFollowingGrain>(UserId).UnfollowAsync(targetId),
            grains.GetGrain<IFollowingGrain>(targetId).UnfollowAsync(UserId));
    }

    public async Task UnblockAsync(long targetId)
    {
        if (blocks.State.Blocking.Remove(targetId))
        {
            await blocks.WriteStateAsync();
            await grains.GetGrain<IBlocksGrain>(targetId).SetBlockedByAsync(UserId, blocked: false);
        }
    }

    public async Task SetBlockedByAsync(long blockerId, bool blocked)
    {
        var changed = blocked ? blocks.State.BlockedBy.Add(blockerId) : blocks.State.BlockedBy.Remove(blockerId);
        if (changed)
        {
            await blocks.WriteStateAsync();
        }
    }

    public Task<bool> IsBlockedEitherWayAsync(long otherId) =>
        Task.FromResult(blocks.State.Blocking.Contains(otherId) || blocks.State.BlockedBy.Contains(otherId));

    public async Task<Page<UserSummary>> GetBlockingAsync(PageRequest page)
    {
        var ids = blocks.State.Blocking.NewestFirst(page);
        return new Page<UserSummary>(await grains.SummariesAsync(ids.Items), ids.NextCursor);
    }

    public Task<long[]> GetExcludedAsync() => Task.FromResult(blocks.State.Blocking.Ids.Union(blocks.State.BlockedBy).ToArray());
}
