using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Instagram.Grains.Graph;
using Instagram.Grains.Media;
using Instagram.Grains.Realtime;
using Instagram.Grains.Users;

namespace Instagram.Grains.Messages;

/// <summary>
/// A send writes the message to its page first and the conversation's record second, so the page is the truth: a
/// failure between the two leaves a stored message the record does not know yet, and the first send of the next
/// activation adopts it (<see cref="ReconcileAsync"/>) rather than reuse its seq. Seqs therefore never skip or repeat.
/// </summary>
internal sealed partial class ConversationGrain(
    [PersistentState("conversation", ProviderNames.GrainStorage)] IPersistentState<ConversationState> conversation,
    IGrainFactory grains,
    IdGenerator ids,
    IOptions<MessagesOptions> options,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private bool _reconciled;

    private long ConversationId => this.GetPrimaryKeyLong();

    private ConversationState State => conversation.State;

    public async Task<ConversationCreated> CreateAsync(NewConversation request)
    {
        var others = request.ParticipantIds.Where(id => id != request.CreatorId).Distinct().ToArray();
        if (others.Length == 0)
        {
            throw DomainException.Unprocessable("A conversation needs someone besides you.");
        }

        if (others.Length > MessageKeys.MaxOthers)
        {
            throw DomainException.Unprocessable($"A group holds at most {MessageKeys.MaxOthers + 1} people: you and {MessageKeys.MaxOthers} others.");
        }

        if (others.Length == 1 && request.Name is not null)
        {
            throw DomainException.Unprocessable("Only a group conversation has a name.");
        }

        if (conversation.RecordExists)
        {
            // The 1:1 the pair index pointed at (whichever of the two asked), or a retried creation.
            return State.Participants.Order().SequenceEqual(others.Append(request.CreatorId).Order())
                ? new ConversationCreated(Details(await grains.SummariesAsync(State.Participants)), Created: false)
                : throw DomainException.Conflict("This conversation id is taken.");
        }

        var participants = await grains.SummariesAsync([request.CreatorId, .. others]);
        var blocked = await Task.WhenAll(others.Select(other => grains.IsBlockedEitherWayAsync(request.CreatorId, other)));
        if (participants.Length != others.Length + 1 || blocked.Any(b => b))
        {
            throw DomainException.NotFound("user"); // someone blocked either way is as good as unknown
        }

        if (others.Length == 1)
        {
            var existing = await grains.GetGrain<IConversationPairGrain>(MessageKeys.Pair(request.CreatorId, others[0])).ClaimAsync(ConversationId);
            if (existing != ConversationId)
            {
                DeactivateOnIdle();
                return await grains.GetGrain<IConversationGrain>(existing).CreateAsync(request);
            }
        }

        // A conversation from someone a participant does not follow waits among that participant's requests.
        var follows = await Task.WhenAll(others.Select(other => grains.GetGrain<IFollowingGrain>(other).IsFollowingAsync(request.CreatorId)));
        conversation.State = new ConversationState
        {
            CreatedBy = request.CreatorId,
            Participants = [request.CreatorId, .. others],
            Name = others.Length > 1 ? request.Name : null,
            CreatedAt = IdGenerator.TimeOf(ConversationId),
            PageSize = options.Value.PageSize,
            ActivityKey = ConversationId,
            Pending = [.. others.Where((_, i) => !follows[i])],
        };
        await conversation.WriteStateAsync();
        _reconciled = true;
        await TouchInboxesAsync();
        BestEffort(State.Participants.Select(p => Realtime(p).AddContactsAsync([.. Others(p)])));
        return new ConversationCreated(Details(participants), Created: true);
    }

    public async Task<MessageSent> SendAsync(NewMessage message)
    {
        await EnsureVisibleAsync(message.SenderId);
        await ReconcileAsync();
        if (await FindSentAsync(message.SenderId, message.ClientMessageId) is { } sent)
        {
            return new MessageSent(sent, Created: false);
        }

        var id = ids.NextId();
        var use = MediaUse.ForMessage(id);
        var media = message.MediaId is { } mediaId ? await ClaimMediaAsync(mediaId, message.SenderId, use) : null;
        var stored = new MessageView(id, ConversationId, State.LastSeq + 1, message.SenderId, message.ClientMessageId, message.Text, media, IdGenerator.TimeOf(id));
        try
        {
            await Page(stored.Seq).AppendAsync(stored);
        }
        catch (Exception ex) when (media is not null)
        {
            await ReleaseMediaAsync(media.Id, use, ex);
            throw;
        }

        await RecordAsync(stored);
        return new MessageSent(stored, Created: true);
    }

    public async Task<Page<MessageView>> GetMessagesAsync(long viewerId, MessageQuery query)
    {
        await EnsureVisibleAsync(viewerId);
        var after = Math.Max(0, query.AfterSeq ?? 0);
        var before = Math.Min(query.BeforeSeq ?? long.MaxValue, State.LastSeq + 1);
        if (before - after <= 1)
        {
            return Page<MessageView>.Empty;
        }

        // Seqs have no gaps, so the range to read is known before reading: forward from just after afterSeq, or
        // backward from just before beforeSeq (the newest when there is none), the page ascending either way.
        long from, to;
        long? next;
        if (query.Forward)
        {
            from = after + 1;
            to = Math.Min(before - 1, after + query.Limit);
            next = to < before - 1 ? to : null;
        }
        else
        {
            to = before - 1;
            from = Math.Max(after + 1, before - query.Limit);
            next = from > after + 1 ? from : null;
        }

        var pages = await Task.WhenAll(Enumerable.Range(0, (int)(PageOf(to) - PageOf(from) + 1))
            .Select(i => PageGrain(PageOf(from) + i).GetRangeAsync(from, to)));
        return new Page<MessageView>([.. pages.SelectMany(p => p)], next);
    }

    public async Task MarkReadAsync(long userId, long upToSeq)
    {
        await EnsureVisibleAsync(userId);
        await ReconcileAsync();
        if (upToSeq > State.LastSeq)
        {
            throw DomainException.Unprocessable($"upToSeq {upToSeq} is beyond the newest message ({State.LastSeq}).");
        }

        if (upToSeq <= State.ReadUpTo.GetValueOrDefault(userId))
        {
            return; // the pointer never moves backwards, and an old receipt tells nobody anything new
        }

        State.ReadUpTo[userId] = upToSeq;
        await conversation.WriteStateAsync();
        BestEffort(Others(userId).Select(p => Realtime(p).DeliverAsync(new ReadEvent(ConversationId, userId, upToSeq))));
    }

    public async Task AcceptAsync(long userId)
    {
        await EnsureVisibleAsync(userId);
        if (State.Pending.Remove(userId))
        {
            await conversation.WriteStateAsync();
            await grains.GetGrain<IInboxGrain>(userId).TouchAsync(ConversationId, State.ActivityKey, InboxFolder.Inbox);
        }
    }

    public Task<ConversationSummary?> GetSummaryAsync(long viewerId) => Task.FromResult(
        conversation.RecordExists && State.Participants.Contains(viewerId)
            ? new ConversationSummary(ConversationId, State.Participants, State.IsGroup, State.Name, State.LastMessage,
                Math.Max(0, State.LastSeq - State.ReadUpTo.GetValueOrDefault(viewerId)), FolderOf(viewerId), State.ActivityKey)
            : null);

    public async Task<MessageView?> FindMessageAsync(long viewerId, long messageId) =>
        await CanReadAsync(viewerId) && await LocateAsync(messageId) is { Removed: false } message ? message : null;

    public async Task RemoveMessageAsync(long messageId)
    {
        if (await LocateAsync(messageId) is not { } message)
        {
            return;
        }

        // The media item belongs to this message alone (one use), so it goes first, the way a deleted post's images
        // go, and its URLs answer 404. Only then the tombstone: a failure in between leaves the message as it was, or
        // showing a deleted item, and a retry finishes the job.
        if (message.Media is { } media)
        {
            await grains.GetGrain<IMediaGrain>(media.Id).DeleteAsync();
        }

        var tombstone = await Page(message.Seq).RemoveAsync(messageId) ?? message.AsRemoved();
        var previewChanged = State.LastMessage is { Removed: false } last && last.Id == messageId;
        if (previewChanged)
        {
            State.LastMessage = tombstone; // the inboxes' preview: they read it from here
            await conversation.WriteStateAsync();
        }

        if (!message.Removed || previewChanged)
        {
            BestEffort(State.Participants.Select(p => Realtime(p).DeliverAsync(new MessageRemovedEvent(ConversationId, messageId, message.Seq))));
        }
    }

    // Participants only; in a 1:1 a block either way hides the conversation from both until it is lifted. In a group a
    // later block changes nothing: the group is shared with others (creation refuses a blocked pair).
    private async Task EnsureVisibleAsync(long userId)
    {
        if (!await CanReadAsync(userId))
        {
            throw DomainException.NotFound("conversation");
        }
    }

    private async Task<bool> CanReadAsync(long userId) =>
        conversation.RecordExists && State.Participants.Contains(userId)
        && (State.IsGroup || !await grains.IsBlockedEitherWayAsync(userId, Others(userId).Single()));

    // The page is found by the ids of the pages' first messages; an id outside the conversation's span costs no read.
    private async Task<MessageView?> LocateAsync(long messageId)
    {
        if (!conversation.RecordExists || State.LastMessage is not { } last || messageId > last.Id)
        {
            return null;
        }

        await FillPageFirstIdsAsync();
        var found = State.PageFirstIds.BinarySearch(messageId);
        var page = found >= 0 ? found : ~found - 1;
        return page < 0 ? null : await PageGrain(page).GetByIdAsync(messageId);
    }

    // Only for a record written before the list existed: one read of each missing page's first message, kept in
    // memory; the next write of the record (the next message) stores it.
    private async Task FillPageFirstIdsAsync()
    {
        var pages = State.LastSeq == 0 ? 0 : (int)PageOf(State.LastSeq) + 1;
        if (State.PageFirstIds.Count >= pages)
        {
            return;
        }

        var firsts = await Task.WhenAll(Enumerable.Range(State.PageFirstIds.Count, pages - State.PageFirstIds.Count)
            .Select(p => PageGrain(p).GetRangeAsync(FirstSeqOf(p), FirstSeqOf(p))));
        State.PageFirstIds.AddRange(firsts.TakeWhile(f => f.Length == 1).Select(f => f[0].Id));
    }

    private async Task ReconcileAsync()
    {
        if (_reconciled)
        {
            return;
        }

        while (await PageGrain(PageOf(State.LastSeq + 1)).GetRangeAsync(State.LastSeq + 1, long.MaxValue) is { Length: > 0 } unrecorded)
        {
            foreach (var message in unrecorded)
            {
                LogAdopted(ConversationId, message.Seq);
                await RecordAsync(message);
            }
        }

        _reconciled = true;
    }

    // The window answers a retry of any of the sender's recent messages however old; the newest page any retry of
    // the last page's worth of messages, whoever sent them since.
    private async Task<MessageView?> FindSentAsync(long senderId, string clientMessageId)
    {
        var hash = HashOf(clientMessageId);
        foreach (var recent in State.RecentSends.Where(r => r.SenderId == senderId && r.ClientIdHash == hash))
        {
            var stored = await Page(recent.Seq).GetRangeAsync(recent.Seq, recent.Seq);
            if (stored is [{ } message] && message.SenderId == senderId && message.ClientMessageId == clientMessageId)
            {
                return message;
            }
        }

        return State.LastSeq > 0 ? await Page(State.LastSeq).FindAsync(senderId, clientMessageId) : null;
    }

    private async Task<MediaView> ClaimMediaAsync(long mediaId, long senderId, MediaUse use)
    {
        try
        {
            return await grains.GetGrain<IMediaGrain>(mediaId).ClaimAsync(senderId, use);
        }
        catch (DomainException ex) when (ex.Kind == DomainErrorKind.Forbidden)
        {
            throw DomainException.NotFound("media"); // someone else's media is as good as unknown here
        }
    }

    private async Task ReleaseMediaAsync(long mediaId, MediaUse use, Exception cause)
    {
        try
        {
            await grains.GetGrain<IMediaGrain>(mediaId).ReleaseAsync(use);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex, mediaId, cause.Message);
        }
    }

    // The message is already durable on its page. The record's write and the announcement run side by side: both
    // need only the state as this message left it, which is set before either starts.
    private Task RecordAsync(MessageView message)
    {
        Apply(message);
        return Task.WhenAll(WriteRecordAsync(message.Seq), AnnounceAsync(message));
    }

    private void Apply(MessageView message)
    {
        State.LastSeq = message.Seq;
        State.LastMessage = message;
        if (message.Seq == FirstSeqOf(PageOf(message.Seq)) && State.PageFirstIds.Count == PageOf(message.Seq))
        {
            State.PageFirstIds.Add(message.Id); // a short list (an older record) is filled in by the first lookup instead
        }

        State.ActivityKey = message.Id;
        State.ReadUpTo[message.SenderId] = Math.Max(message.Seq, State.ReadUpTo.GetValueOrDefault(message.SenderId));
        State.Pending.Remove(message.SenderId); // replying accepts a request
        State.RecentSends.Add(new RecentSend(message.SenderId, HashOf(message.ClientMessageId), message.Seq));
        if (State.RecentSends.Count(r => r.SenderId == message.SenderId) > options.Value.DedupWindowPerSender)
        {
            State.RecentSends.RemoveAt(State.RecentSends.FindIndex(r => r.SenderId == message.SenderId));
        }
    }

    // If this write fails the next activation adopts the message, so the send still succeeds; this activation goes,
    // since its record's version may no longer match storage.
    private async Task WriteRecordAsync(long seq)
    {
        try
        {
            await conversation.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogRecordFailed(ex, ConversationId, seq);
            _reconciled = false;
            DeactivateOnIdle();
        }
    }

    // Inboxes are updated before the sender is answered (so a listing right after shows the message); live delivery
    // is started for every participant at once and not awaited: clients catch up by afterSeq.
    private async Task AnnounceAsync(MessageView message)
    {
        await TouchInboxesAsync();
        BestEffort(State.Participants.Select(p => Realtime(p).DeliverAsync(new MessageEvent(ConversationId, message))));
    }

    private async Task TouchInboxesAsync()
    {
        try
        {
            await Task.WhenAll(State.Participants.Select(p => grains.GetGrain<IInboxGrain>(p).TouchAsync(ConversationId, State.ActivityKey, FolderOf(p))));
        }
        catch (Exception ex)
        {
            LogInboxFailed(ex, ConversationId); // the next activity touches every inbox again
        }
    }

    private void BestEffort(IEnumerable<Task> calls) => _ = ObserveAsync(Task.WhenAll(calls));

    private async Task ObserveAsync(Task calls)
    {
        try
        {
            await calls;
        }
        catch (Exception ex)
        {
            LogRealtimeFailed(ex, ConversationId);
        }
    }

    private IEnumerable<long> Others(long userId) => State.Participants.Where(p => p != userId);

    private InboxFolder FolderOf(long userId) => State.Pending.Contains(userId) ? InboxFolder.Requests : InboxFolder.Inbox;

    private IUserRealtimeGrain Realtime(long userId) => grains.GetGrain<IUserRealtimeGrain>(userId);

    private long PageOf(long seq) => (seq - 1) / State.PageSize;

    private long FirstSeqOf(long page) => (page * State.PageSize) + 1;

    private IMessagePageGrain Page(long seq) => PageGrain(PageOf(seq));

    private IMessagePageGrain PageGrain(long page) => grains.GetGrain<IMessagePageGrain>(MessageKeys.Page(ConversationId, page));

    private ConversationDetails Details(UserSummary[] participants) =>
        new(ConversationId, participants, State.IsGroup, State.Name, State.CreatedAt);

    private static long HashOf(string clientMessageId) =>
        BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(clientMessageId)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} adopted message {Seq}, stored on its page before a failure kept it from the record")]
    private partial void LogAdopted(long conversationId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} could not record message {Seq} (stored on its page; the next activation adopts it)")]
    private partial void LogRecordFailed(Exception exception, long conversationId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release media {MediaId} after a failed send ({Cause})")]
    private partial void LogReleaseFailed(Exception exception, long mediaId, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} could not update every participant's inbox")]
    private partial void LogInboxFailed(Exception exception, long conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId}: a live delivery failed (clients catch up by afterSeq)")]
    private partial void LogRealtimeFailed(Exception exception, long conversationId);
}
