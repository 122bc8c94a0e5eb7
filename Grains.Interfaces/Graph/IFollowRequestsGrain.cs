using Instagram.Grains.Common;

namespace Instagram.Grains.Graph;

/// <summary>Pending requests to follow one private account.</summary>
[Alias("Instagram.Grains.Graph.IFollowRequestsGrain")]
public interface IFollowRequestsGrain : IGrainWithIntegerKey
{
    [Alias("AddAsync")] Task AddAsync(long requesterId);

    /// <summary>The requester withdrew (or was blocked). One-way: the requester's grain never waits on this one.</summary>
    [OneWay, Alias("WithdrawAsync")] Task WithdrawAsync(long requesterId);

    [Alias("ApproveAsync")] Task ApproveAsync(long requesterId);

    [Alias("DeclineAsync")] Task DeclineAsync(long requesterId);

    /// <summary>Approves everyone waiting; used when the account goes public.</summary>
    [Alias("ApproveAllAsync")] Task ApproveAllAsync();

    /// <summary>Requesters, newest first; the cursor is a request sequence number.</summary>
    [Alias("GetPageAsync")] Task<Page<long>> GetPageAsync(PageRequest page);

    /// <summary>As <see cref="GetPageAsync"/>, hydrated: the requesters' summaries, minus anyone blocked either way with the owner.</summary>
    [Alias("GetRequestersAsync")] Task<Page<Users.UserSummary>> GetRequestersAsync(PageRequest page);
}
