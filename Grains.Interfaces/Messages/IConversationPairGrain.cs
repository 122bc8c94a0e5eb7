namespace Instagram.Grains.Messages;

/// <summary>
/// The one 1:1 conversation between two users (key = <see cref="MessageKeys.Pair"/>, the ids in order), so finding it
/// is one lookup whoever starts it.
/// </summary>
[Alias("Instagram.Grains.Messages.IConversationPairGrain")]
public interface IConversationPairGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="conversationId"/> as the pair's conversation unless one is recorded; returns the pair's conversation.</summary>
    [Alias("ClaimAsync")] Task<long> ClaimAsync(long conversationId);
}
