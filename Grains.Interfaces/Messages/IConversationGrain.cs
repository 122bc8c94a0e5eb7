using Instagram.Grains.Common;

namespace Instagram.Grains.Messages;

/// <summary>
/// One direct conversation, 1:1 or a group (key = conversation id). It owns who takes part, the per-conversation
/// sequence numbers (1, 2, 3... without gaps), each participant's read pointer and who still has it as a request.
/// Messages live in <see cref="IMessagePageGrain"/>s of a fixed size, so the conversation's own record stays small
/// however long the conversation grows. Non-participants get 404, as do both sides of a 1:1 that a block separates.
/// </summary>
[Alias("Instagram.Grains.Messages.IConversationGrain")]
public interface IConversationGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Starts the conversation under this grain's id; a 1:1 that already exists between the two (or a retried
    /// creation) is answered with the existing one and <see cref="ConversationCreated.Created"/> false.
    /// </summary>
    [Alias("CreateAsync")] Task<ConversationCreated> CreateAsync(NewConversation conversation);

    /// <summary>Stores a message durably, then tells the participants; a clientMessageId the sender used before returns that message.</summary>
    [Alias("SendAsync")] Task<MessageSent> SendAsync(NewMessage message);

    /// <summary>Messages in ascending seq within the query's bounds; the cursor is the seq to continue from.</summary>
    [ReadOnly, Alias("GetMessagesAsync")] Task<Page<MessageView>> GetMessagesAsync(long viewerId, MessageQuery query);

    /// <summary>Moves the viewer's read pointer forward to <paramref name="upToSeq"/> (never backwards).</summary>
    [Alias("MarkReadAsync")] Task MarkReadAsync(long userId, long upToSeq);

    /// <summary>Moves the conversation from the user's requests to their inbox (idempotent).</summary>
    [Alias("AcceptAsync")] Task AcceptAsync(long userId);

    /// <summary>
    /// What the viewer's inbox shows of the conversation, or null when they do not take part. Only reads memory and
    /// interleaves: the inbox asks while this conversation may be waiting on that inbox.
    /// </summary>
    [AlwaysInterleave, Alias("GetSummaryAsync")] Task<ConversationSummary?> GetSummaryAsync(long viewerId);

    /// <summary>
    /// The message with this id as <paramref name="viewerId"/> reads it, or null when it is not in this conversation,
    /// was removed, or the viewer cannot read the conversation. One lookup in the record and at most one page read.
    /// </summary>
    [Alias("FindMessageAsync")] Task<MessageView?> FindMessageAsync(long viewerId, long messageId);

    /// <summary>
    /// Removes a message for everyone (a moderation decision, whoever takes part): its media item is deleted and the
    /// message becomes a tombstone with the same id and seq. Removing it again, or an id not here, changes nothing.
    /// </summary>
    [Alias("RemoveMessageAsync")] Task RemoveMessageAsync(long messageId);
}
