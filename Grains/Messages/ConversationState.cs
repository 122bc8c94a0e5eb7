namespace Instagram.Grains.Messages;

/// <summary>
/// A conversation's own record: bounded by the group size (at most 32 participants, one read pointer each, a
/// per-sender window of recent clientMessageIds); the messages live on pages, and the record keeps only one id per
/// page of them (8 bytes per <see cref="PageSize"/> messages: 40 KB for a million).
/// </summary>
[GenerateSerializer, Alias("Instagram.Grains.Messages.ConversationState")]
public sealed class ConversationState
{
    [Id(0)] public long CreatedBy { get; set; }

    /// <summary>Everyone taking part, the creator first.</summary>
    [Id(1)] public long[] Participants { get; set; } = [];

    [Id(2)] public string? Name { get; set; }

    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Messages per page, fixed at creation so a later configuration change cannot move existing messages.</summary>
    [Id(4)] public int PageSize { get; set; }

    [Id(5)] public long LastSeq { get; set; }

    [Id(6)] public MessageView? LastMessage { get; set; }

    /// <summary>The latest activity as a time-ordered id: the last message's, else the conversation's own.</summary>
    [Id(7)] public long ActivityKey { get; set; }

    /// <summary>Per participant, the highest seq they have read (sending reads up to one's own message).</summary>
    [Id(8)] public Dictionary<long, long> ReadUpTo { get; set; } = [];

    /// <summary>Participants who still have the conversation among their requests.</summary>
    [Id(9)] public List<long> Pending { get; set; } = [];

    /// <summary>The last few clientMessageIds of each sender (hashed), oldest first.</summary>
    [Id(10)] public List<RecentSend> RecentSends { get; set; } = [];

    /// <summary>
    /// The id of each page's first message, page 0 first: ids are time-ordered, so a message is found by its id with
    /// one binary search here and one page read. One long per <see cref="PageSize"/> messages. A record written before
    /// this list existed has it short; the first lookup fills it in.
    /// </summary>
    [Id(11)] public List<long> PageFirstIds { get; set; } = [];

    public bool IsGroup => Participants.Length > 2;
}
