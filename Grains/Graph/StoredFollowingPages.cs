using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Instagram.Grains.Graph;

/// <summary>
/// Reads a user's following pages as stored, without activating their grains. A cold feed needs its owner's whole
/// following list before anything else; activating each page for one read of it cost a grain activation and a storage
/// round of its own after the head's, and kept the pages in memory afterwards for nothing. Storage has every change a
/// page acknowledged: a page answers only once its write is stored (a change whose write failed is stored by the
/// page's next write, which a retry makes), and only the owner's <see cref="FollowingGrain"/>, which is the one reading
/// here, changes its pages.
/// </summary>
internal sealed class StoredFollowingPages(IGrainFactory grains, [FromKeyedServices(ProviderNames.GrainStorage)] IGrainStorage storage)
{
    public async Task<FollowingEntry[]> ReadAsync(long userId, long page)
    {
        var record = new GrainState<FollowingPageState>();
        var pageId = grains.GetGrain<IFollowingPageGrain>(FollowingPages.Key(userId, page)).GetGrainId();
        await storage.ReadStateAsync(FollowingPageGrain.StateName, pageId, record);
        return record.State is { } stored ? [.. stored.Entries] : [];
    }
}
