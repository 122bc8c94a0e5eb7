namespace Instagram.Grains.Messages;

internal sealed class MessagePageGrain(
    [PersistentState("message-page", ProviderNames.GrainStorage)] IPersistentState<MessagePageState> page) : Grain, IMessagePageGrain
{
    private List<MessageView> Messages => page.State.Messages;

    public async Task AppendAsync(MessageView message)
    {
        if (Messages.Count > 0 && Messages[^1].Seq >= message.Seq)
        {
            // Only a retried append of the same message can land on a taken seq: the conversation assigns them one at a time.
            return;
        }

        Messages.Add(message);
        try
        {
            await page.WriteStateAsync();
        }
        catch
        {
            Messages.RemoveAt(Messages.Count - 1); // not stored: the seq stays free for the conversation's retry
            throw;
        }
    }

    public Task<MessageView[]> GetRangeAsync(long fromSeq, long toSeq) =>
        Task.FromResult(Messages.Where(m => m.Seq >= fromSeq && m.Seq <= toSeq).ToArray());

    public Task<MessageView?> FindAsync(long senderId, string clientMessageId) =>
        Task.FromResult(Messages.FindLast(m => m.SenderId == senderId && m.ClientMessageId == clientMessageId));

    public Task<MessageView?> GetByIdAsync(long messageId) => Task.FromResult(Messages.Find(m => m.Id == messageId));

    public async Task<MessageView?> RemoveAsync(long messageId)
    {
        var index = Messages.FindIndex(m => m.Id == messageId);
        if (index < 0 || Messages[index].Removed)
        {
            return index < 0 ? null : Messages[index]; // a repeated removal: the tombstone is stored already
        }

        var original = Messages[index];
        Messages[index] = original.AsRemoved();
        try
        {
            await page.WriteStateAsync();
        }
        catch
        {
            Messages[index] = original; // not stored: memory keeps matching storage, and the removal is retried whole
            throw;
        }

        return Messages[index];
    }
}
