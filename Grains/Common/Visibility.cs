using Instagram.Grains.Common.Errors;
using Instagram.Grains.Graph;
using Instagram.Grains.Users;

namespace Instagram.Grains.Common;

/// <summary>
/// The one rule every read path applies: a viewer sees an owner's content (posts, grid, comments, likes,
/// follower lists, stories) unless the owner is suspended, either blocks the other, or the owner is private and the
/// viewer does not follow them. Owners always see their own.
/// </summary>
internal static class Visibility
{
    public static async Task<bool> CanSeeContentAsync(this IGrainFactory grains, long viewerId, UserSummary owner)
    {
        if (viewerId == owner.Id)
        {
            return true;
        }

        if (owner.IsSuspended || await grains.IsBlockedEitherWayAsync(viewerId, owner.Id))
        {
            return false;
        }

        return !owner.IsPrivate || await grains.GetGrain<IFollowingGrain>(viewerId).IsFollowingAsync(owner.Id);
    }

    /// <summary>
    /// What to answer someone who is not the owner of <paramref name="ownerId"/>'s <paramref name="what"/> and asks to
    /// change it: 403 only if they may see it, else 404, so the answer never tells that hidden content exists.
    /// </summary>
    public static async Task<DomainException> RefuseNonOwnerAsync(this IGrainFactory grains, long viewerId, long ownerId, string what, string forbidden)
    {
        var owner = await grains.GetGrain<IUserGrain>(ownerId).GetSummaryAsync();
        return owner is not null && await grains.CanSeeContentAsync(viewerId, owner)
            ? DomainException.Forbidden(forbidden)
            : DomainException.NotFound(what);
    }

    /// <summary>
    /// A suspended account, and everything it made, does not exist for anyone else. Its summaries carry the flag, so
    /// the check costs no call; nothing is deleted, and lifting the suspension shows it all again.
    /// </summary>
    public static bool IsHiddenFrom(this UserSummary owner, long viewerId) => owner.IsSuspended && owner.Id != viewerId;

    public static Task<bool> IsBlockedEitherWayAsync(this IGrainFactory grains, long a, long b) =>
        a == b ? Task.FromResult(false) : grains.GetGrain<IBlocksGrain>(a).IsBlockedEitherWayAsync(b);

    /// <summary>Which of <paramref name="owners"/> the viewer may see, with one call per private owner at most.</summary>
    public static async Task<HashSet<long>> VisibleOwnersAsync(this IGrainFactory grains, long viewerId, IEnumerable<UserSummary> owners) =>
        await grains.VisibleOwnersAsync(viewerId, owners, await grains.GetGrain<IBlocksGrain>(viewerId).GetExcludedAsync());

    /// <summary>As above, with the viewer's block list (<see cref="IBlocksGrain.GetExcludedAsync"/>) already fetched.</summary>
    public static async Task<HashSet<long>> VisibleOwnersAsync(this IGrainFactory grains, long viewerId, IEnumerable<UserSummary> owners, long[] blocked)
    {
        var excluded = blocked.ToHashSet();
        var candidates = owners.DistinctBy(o => o.Id).Where(o => o.Id == viewerId || (!excluded.Contains(o.Id) && !o.IsSuspended)).ToArray();
        var following = grains.GetGrain<IFollowingGrain>(viewerId);
        var allowed = await Task.WhenAll(candidates.Select(async o =>
            (o.Id, o.Id == viewerId || !o.IsPrivate || await following.IsFollowingAsync(o.Id))));
        return [.. allowed.Where(a => a.Item2).Select(a => a.Id)];
    }
}
