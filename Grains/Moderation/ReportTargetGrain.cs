namespace Instagram.Grains.Moderation;

internal sealed class ReportTargetGrain(
    [PersistentState("reportTarget", ProviderNames.GrainStorage)] IPersistentState<ReportTargetState> state,
    IGrainFactory grains,
    IdGenerator ids) : Grain, IReportTargetGrain
{
    public async Task<long> FileAsync(ReportTarget target, long ownerId, long reporterId, string reason)
    {
        // The item is never told to call back when it is resolved (that call could meet this one and deadlock): it
        // answers false instead, and a new item is opened.
        if (state.State.OpenReportId is { } open && await grains.GetGrain<IReportGrain>(open).AddAsync(target, ownerId, reporterId, reason))
        {
            return open;
        }

        // The new id is stored before the item exists, so a retry after a failed add opens this item, not a second one.
        var id = ids.NextId();
        state.State.OpenReportId = id;
        await state.WriteStateAsync();
        await grains.GetGrain<IReportGrain>(id).AddAsync(target, ownerId, reporterId, reason);
        return id;
    }
}
