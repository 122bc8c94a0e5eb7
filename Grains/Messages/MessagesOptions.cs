using System.ComponentModel.DataAnnotations;

namespace Instagram.Grains.Messages;

/// <summary>Direct-message storage policy (configuration section "Messages").</summary>
public sealed class MessagesOptions
{
    public const string SectionName = "Messages";

    /// <summary>
    /// Messages per page grain: a send rewrites one page of at most this many. Fixed per conversation when it is
    /// created (the conversation records it), so changing it affects only new conversations.
    /// </summary>
    [Range(2, 1000)]
    public int PageSize { get; set; } = 200;

    /// <summary>Recent clientMessageIds remembered per sender and conversation, besides those on the newest page.</summary>
    [Range(1, 1000)]
    public int DedupWindowPerSender { get; set; } = 64;

    /// <summary>Conversations an inbox keeps in its own record per folder; older ones move to archive pages.</summary>
    [Range(1, 10_000)]
    public int InboxRecent { get; set; } = 100;

    /// <summary>Entries per inbox archive page.</summary>
    [Range(2, 10_000)]
    public int InboxArchivePageSize { get; set; } = 500;
}
