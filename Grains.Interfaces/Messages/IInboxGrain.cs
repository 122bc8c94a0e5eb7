using Instagram.Grains.Common;

namespace Instagram.Grains.Messages;

/// <summary>
/// One user's conversations by latest activity, in two folders (key = user id). The grain keeps the most recent
/// conversations of each folder in its own bounded record and moves older ones to append-only archive pages
/// (<see cref="IInboxArchivePageGrain"/>), so new activity rewrites one small record whatever the number of
/// conversations. Unread counts and last messages are read from the conversations when a page is served.
/// </summary>
[Alias("Instagram.Grains.Messages.IInboxGrain")]
public interface IInboxGrain : IGrainWithIntegerKey
{
    /// <summary>The conversation had activity (<paramref name="activityKey"/>, a time-ordered id) and belongs in <paramref name="folder"/>.</summary>
    [Alias("TouchAsync")] Task TouchAsync(long conversationId, long activityKey, InboxFolder folder);

    /// <summary>One folder, newest activity first, hydrated; conversations hidden by a block are left out.</summary>
    [Alias("GetPageAsync")] Task<Page<ConversationListItem>> GetPageAsync(InboxFolder folder, PageRequest page);

    /// <summary>
    /// Up to <paramref name="max"/> conversations of either folder's recent set whose latest activity is at or after
    /// <paramref name="activityKey"/>, the least recent first (the closest to that moment). Archived conversations are
    /// not searched. Only reads memory, so it interleaves with a touch that waits on an archive page.
    /// </summary>
    [AlwaysInterleave, Alias("GetActiveSinceAsync")] Task<long[]> GetActiveSinceAsync(long activityKey, int max);
}
