namespace Instagram.Grains.Moderation;

internal sealed class AdminActionGrain(
    [PersistentState("adminAction", ProviderNames.GrainStorage)] IPersistentState<AdminActionState> entry) : Grain, IAdminActionGrain
{
    public async Task RecordAsync(AdminAction action)
    {
        if (entry.State.Action is not null)
        {
            return; // an audit entry is never rewritten
        }

        entry.State.Action = action;
        await entry.WriteStateAsync();
    }

    public Task<AdminAction?> GetAsync() => Task.FromResult(entry.State.Action);
}
