using Instagram.Grains.Graph;
using Instagram.Grains.Users;

namespace Instagram.Grains.Messages;

/// <summary>
/// Activity moves a conversation into the folder's recent set (the grain's own record, at most
/// <see cref="MessagesOptions.InboxRecent"/> per folder); the least recent one then moves out to the end of the
/// folder's archive. Every conversation that moves out is older than everything still in, so the archive read
/// backwards continues the recent set in activity order. Archive entries are never edited: an entry whose
/// conversation has moved on since (back into the recent set, to another folder, to a later archive entry) no
/// longer matches the conversation's own activity and folder, and is skipped. One touch so writes the small
/// record and at most one archive page, whatever the number of conversations.
/// </summary>
internal sealed class InboxGrain(
    [PersistentState("inbox", ProviderNames.GrainStorage)] IPersistentState<InboxState> inbox,
    IGrainFactory grains,
    IOptions<MessagesOptions> options) : Grain, IInboxGrain
{
    private long UserId => this.GetPrimaryKeyLong();

    private int ArchivePageSize => options.Value.InboxArchivePageSize;

    public async Task TouchAsync(long conversationId, long activityKey, InboxFolder folder)
    {
        var (currentFolder, current) = Find(conversationId);
        if (current is not null && currentFolder == folder && current.ActivityKey >= activityKey)
        {
            return; // a repeated or late touch: nothing new
        }

        if (current is not null)
        {
            Recent(currentFolder).Remove(current);
        }

        var recent = Recent(folder);
        recent.Add(new InboxEntry(conversationId, Math.Max(activityKey, current?.ActivityKey ?? 0)));
        if (recent.Count > options.Value.InboxRecent)
        {
            var oldest = recent.MinBy(e => e.ActivityKey)!;
            var position = Archived(folder);
            await ArchivePage(folder, position / ArchivePageSize).PutAsync((int)(position % ArchivePageSize), oldest);
            recent.Remove(oldest);
            SetArchived(folder, position + 1);
        }

        await inbox.WriteStateAsync();
    }

    // Cursor: a positive one is the activity key the recent set continues below; a negative one, -(n + 1), the
    // archive position n to continue from. A page may hold fewer than the limit (skipped entries) and still go on.
    public async Task<Page<ConversationListItem>> GetPageAsync(InboxFolder folder, PageRequest page)
    {
        var blocked = grains.GetGrain<IBlocksGrain>(UserId).GetExcludedAsync();
        var items = new List<ConversationListItem>();
        long position;
        if (page.Cursor is not < 0)
        {
            var below = Recent(folder).Where(e => page.Cursor is null || e.ActivityKey < page.Cursor).OrderByDescending(e => e.ActivityKey).ToList();
            var taken = below.Take(page.Limit).ToList();
            items.AddRange(await HydrateAsync(taken, folder, blocked, archived: false));
            if (below.Count > taken.Count)
            {
                return new Page<ConversationListItem>(items, taken[^1].ActivityKey);
            }

            position = Archived(folder) - 1;
        }
        else
        {
            position = -page.Cursor.Value - 1;
        }

        // Skipped entries count against a budget, so one request reads a bounded number of archive entries.
        var budget = page.Limit * 4;
        var seen = items.Select(i => i.Id).ToHashSet();
        while (items.Count < page.Limit && position >= 0 && budget > 0)
        {
            var pageNo = position / ArchivePageSize;
            var entries = await ArchivePage(folder, pageNo).GetAllAsync();
            var chunk = new List<InboxEntry>();
            var index = (int)Math.Min(position % ArchivePageSize, entries.Length - 1);
            for (; index >= 0 && chunk.Count < Math.Min(page.Limit - items.Count, budget); index--)
            {
                chunk.Add(entries[index]);
            }

            position = (pageNo * ArchivePageSize) + index;
            budget -= Math.Max(1, chunk.Count);
            items.AddRange(await HydrateAsync([.. chunk.Where(e => Find(e.ConversationId).Entry is null && seen.Add(e.ConversationId))], folder, blocked, archived: true));
        }

        return new Page<ConversationListItem>(items, position >= 0 ? -(position + 1) : null);
    }

    public Task<long[]> GetActiveSinceAsync(long activityKey, int max) => Task.FromResult(
        inbox.State.Inbox.Concat(inbox.State.Requests)
            .Where(e => e.ActivityKey >= activityKey)
            .OrderBy(e => e.ActivityKey)
            .Take(max)
            .Select(e => e.ConversationId)
            .ToArray());

    private async Task<ConversationListItem[]> HydrateAsync(IReadOnlyList<InboxEntry> entries, InboxFolder folder, Task<long[]> blocked, bool archived)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var summaries = await Task.WhenAll(entries.Select(e => grains.GetGrain<IConversationGrain>(e.ConversationId).GetSummaryAsync(UserId)));
        var excluded = (await blocked).ToHashSet();
        var shown = summaries
            .Select((summary, i) => (summary, entry: entries[i]))
            .Where(s => s.summary is not null
                && (!archived || (s.summary.ActivityKey == s.entry.ActivityKey && s.summary.Folder == folder))
                && (s.summary.IsGroup || !s.summary.ParticipantIds.Any(excluded.Contains))) // a 1:1 across a block is hidden from both
            .Select(s => s.summary!)
            .ToArray();
        var users = (await grains.SummariesAsync(shown.SelectMany(s => s.ParticipantIds).Distinct())).ToDictionary(u => u.Id);
        return [.. shown.Select(s => new ConversationListItem(s.Id, [.. s.ParticipantIds.Where(users.ContainsKey).Select(id => users[id])],
            s.IsGroup, s.Name, s.LastMessage, s.UnreadCount))];
    }

    private (InboxFolder Folder, InboxEntry? Entry) Find(long conversationId) =>
        inbox.State.Inbox.Find(e => e.ConversationId == conversationId) is { } inInbox ? (InboxFolder.Inbox, inInbox)
        : (InboxFolder.Requests, inbox.State.Requests.Find(e => e.ConversationId == conversationId));

    private List<InboxEntry> Recent(InboxFolder folder) => folder == InboxFolder.Inbox ? inbox.State.Inbox : inbox.State.Requests;

    private long Archived(InboxFolder folder) => folder == InboxFolder.Inbox ? inbox.State.InboxArchived : inbox.State.RequestsArchived;

    private void SetArchived(InboxFolder folder, long count)
    {
        if (folder == InboxFolder.Inbox)
        {
            inbox.State.InboxArchived = count;
        }
        else
        {
            inbox.State.RequestsArchived = count;
        }
    }

    private IInboxArchivePageGrain ArchivePage(InboxFolder folder, long page) =>
        grains.GetGrain<IInboxArchivePageGrain>(MessageKeys.ArchivePage(UserId, folder, page));
}
