namespace Instagram.Grains.Graph;

internal sealed class FollowRequestsGrain(
    [PersistentState("followRequests", ProviderNames.GrainStorage)] IPersistentState<FollowRequestsState> requests,
    IGrainFactory grains) : Grain, IFollowRequestsGrain
{
    private long UserId => this.GetPrimaryKeyLong();

    public async Task AddAsync(long requesterId)
    {
        if (requests.State.Pending.TryAdd(requesterId, requests.State.NextSequence))
        {
            requests.State.NextSequence++;
            await requests.WriteStateAsync();
        }
    }

    public async Task WithdrawAsync(long requesterId)
    {
        if (requests.State.Pending.Remove(requesterId))
        {
            await requests.WriteStateAsync();
        }
    }

    public async Task ApproveAsync(long requesterId)
    {
        await TakeAsync(requesterId);
        await grains.GetGrain<IFollowingGrain>(requesterId).CompleteRequestAsync(UserId);
    }

    public async Task DeclineAsync(long requesterId)
    {
        await TakeAsync(requesterId);
        await grains.GetGrain<IFollowingGrain>(requesterId).DropRequestAsync(UserId);
    }

    public async Task ApproveAllAsync()
    {
        foreach (var requester in requests.State.Pending.Keys.ToArray())
        {
            await ApproveAsync(requester);
        }
    }

    public async Task<Page<Users.UserSummary>> GetRequestersAsync(PageRequest page)
    {
        var blocked = grains.GetGrain<IBlocksGrain>(UserId).GetExcludedAsync();
        var requesters = await GetPageAsync(page);
        return new Page<Users.UserSummary>(await Users.UserSummaries.VisibleSummariesAsync(grains, UserId, blocked, requesters.Items), requesters.NextCursor);
    }

    public Task<Page<long>> GetPageAsync(PageRequest page)
    {
        var cursor = page.Cursor ?? long.MaxValue;
        var slice = requests.State.Pending.Where(p => p.Value < cursor).OrderByDescending(p => p.Value).Take(page.Limit + 1).ToList();
        var items = slice.Take(page.Limit).ToList();
        long? next = slice.Count > page.Limit ? items[^1].Value : null;
        return Task.FromResult(new Page<long>([.. items.Select(p => p.Key)], next));
    }

    private async Task TakeAsync(long requesterId)
    {
        if (!requests.State.Pending.Remove(requesterId))
        {
            throw DomainException.NotFound("follow request");
        }

        await requests.WriteStateAsync();
    }
}
