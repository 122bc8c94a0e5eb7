namespace Instagram.Grains.Messages;

internal sealed class InboxArchivePageGrain(
    [PersistentState("inbox-archive", ProviderNames.GrainStorage)] IPersistentState<InboxArchivePageState> page) : Grain, IInboxArchivePageGrain
{
    public async Task PutAsync(int index, InboxEntry entry)
    {
        var entries = page.State.Entries;
        if (index < entries.Count)
        {
            entries[index] = entry;
        }
        else
        {
            entries.Add(entry);
        }

        await page.WriteStateAsync();
    }

    public Task<InboxEntry[]> GetAllAsync() => Task.FromResult(page.State.Entries.ToArray());
}
