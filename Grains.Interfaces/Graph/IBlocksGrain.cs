using Instagram.Grains.Common;

namespace Instagram.Grains.Graph;

/// <summary>
/// One user's blocks, both directions: whom they block and who blocks them, so "is either blocking the other"
/// is one call to either side.
/// </summary>
[Alias("Instagram.Grains.Graph.IBlocksGrain")]
public interface IBlocksGrain : IGrainWithIntegerKey
{
    /// <summary>Blocks <paramref name="targetId"/>: removes follows and pending requests both ways.</summary>
    [Alias("BlockAsync")] Task BlockAsync(long targetId);

    [Alias("UnblockAsync")] Task UnblockAsync(long targetId);

    /// <summary>Called on the target's grain to record the other direction.</summary>
    [Alias("SetBlockedByAsync")] Task SetBlockedByAsync(long blockerId, bool blocked);

    [AlwaysInterleave, Alias("IsBlockedEitherWayAsync")] Task<bool> IsBlockedEitherWayAsync(long otherId);

    /// <summary>Whom this user blocks, most recently blocked first (accounts that no longer exist are left out).</summary>
    [AlwaysInterleave, Alias("GetBlockingAsync")] Task<Page<Users.UserSummary>> GetBlockingAsync(PageRequest page);

    /// <summary>Everyone this user must not see or be seen by.</summary>
    [AlwaysInterleave, Alias("GetExcludedAsync")] Task<long[]> GetExcludedAsync();
}
