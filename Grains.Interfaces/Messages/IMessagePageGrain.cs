namespace Instagram.Grains.Messages;

/// <summary>
/// One page of a conversation's messages (key = <see cref="MessageKeys.Page"/>): the seqs of one fixed-size range. A
/// new message rewrites only the page it falls in.
/// </summary>
[Alias("Instagram.Grains.Messages.IMessagePageGrain")]
public interface IMessagePageGrain : IGrainWithStringKey
{
    /// <summary>Stores the message durably; storing the same message again changes nothing.</summary>
    [Alias("AppendAsync")] Task AppendAsync(MessageView message);

    /// <summary>The page's messages with <paramref name="fromSeq"/> &lt;= seq &lt;= <paramref name="toSeq"/>, ascending.</summary>
    [ReadOnly, Alias("GetRangeAsync")] Task<MessageView[]> GetRangeAsync(long fromSeq, long toSeq);

    /// <summary>The message <paramref name="senderId"/> sent with <paramref name="clientMessageId"/>, if this page holds it.</summary>
    [ReadOnly, Alias("FindAsync")] Task<MessageView?> FindAsync(long senderId, string clientMessageId);

    /// <summary>The message with this id, removed or not, if this page holds it.</summary>
    [ReadOnly, Alias("GetByIdAsync")] Task<MessageView?> GetByIdAsync(long messageId);

    /// <summary>Replaces the message with its tombstone (<see cref="MessageView.AsRemoved"/>) and returns that; null when the page does not hold it.</summary>
    [Alias("RemoveAsync")] Task<MessageView?> RemoveAsync(long messageId);
}
