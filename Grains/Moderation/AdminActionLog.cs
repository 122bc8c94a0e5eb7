using Instagram.Grains.Lists;

namespace Instagram.Grains.Moderation;

internal static class AdminActionLog
{
    /// <summary>Stores the entry, then lists it in the audit log (newest first when read) and counts it.</summary>
    public static async Task RecordAsync(IGrainFactory grains, AdminAction action)
    {
        await grains.GetGrain<IAdminActionGrain>(action.Id).RecordAsync(action);
        await grains.GetGrain<IEdgeListGrain>(ModerationLists.Actions).AddAsync(action.Id);
        ModerationMetrics.Actions.Add(1, ModerationMetrics.Tag("action", action.Action));
    }
}
