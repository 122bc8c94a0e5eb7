namespace Instagram.Grains.Messages;

internal sealed class ConversationPairGrain(
    [PersistentState("conversation-pair", ProviderNames.GrainStorage)] IPersistentState<ConversationPairState> pair) : Grain, IConversationPairGrain
{
    public async Task<long> ClaimAsync(long conversationId)
    {
        if (pair.State.ConversationId == 0)
        {
            pair.State.ConversationId = conversationId;
            await pair.WriteStateAsync();
        }

        return pair.State.ConversationId;
    }
}
