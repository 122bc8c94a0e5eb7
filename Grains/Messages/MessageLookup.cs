namespace Instagram.Grains.Messages;

/// <summary>
/// Finds a direct message by its id alone, as a participant would name it (a report does): the participant's inbox
/// names the conversations active since the message was sent, and each looks the id up in its own record. Nothing
/// on the send path pays for this beyond one id per page in the conversation's record.
/// </summary>
internal static class MessageLookup
{
    /// <summary>How many of the reader's conversations are asked at most; the closest in time to the message first.</summary>
    public const int MaxCandidates = 64;

    private const int Batch = 16;

    // Ids come from each silo's clock: a later activity on a silo whose clock runs behind may carry an id a little
    // smaller than the message's own.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The message, if <paramref name="readerId"/> can read it now: not removed, in a conversation they take part in
    /// and can see, and one their inbox still holds in its recent set (an archived conversation is not searched).
    /// </summary>
    public static async Task<MessageView?> FindReadableMessageAsync(this IGrainFactory grains, long readerId, long messageId)
    {
        var since = IdGenerator.MinIdAt(IdGenerator.TimeOf(messageId) - ClockSlack);
        var candidates = await grains.GetGrain<IInboxGrain>(readerId).GetActiveSinceAsync(since, MaxCandidates);

        // A few at a time, closest first: the conversation holding the message is usually in the first batch, and a
        // busy inbox does not wake dozens of conversations for one report.
        foreach (var batch in candidates.Chunk(Batch))
        {
            var found = await Task.WhenAll(batch.Select(id => grains.GetGrain<IConversationGrain>(id).FindMessageAsync(readerId, messageId)));
            if (found.FirstOrDefault(m => m is not null) is { } message)
            {
                return message;
            }
        }

        return null;
    }
}
