using Instagram.Grains.Common;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Messages;
using Instagram.Grains.Moderation;
using Instagram.Grains.Tests.Infrastructure;
using Orleans.Core.Internal;

namespace Instagram.Grains.Tests.Messages;

/// <summary>
/// Conversations at scale, written once and run on both profiles: with the fixture's pages of
/// <see cref="ClusterFixture.MessagePageSize"/> messages and a dedup window of 4 per sender, a few dozen messages
/// show what a million would do to storage.
/// </summary>
public abstract class ConversationTests(ClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task ALongConversationWritesOnePagePerMessageAndKeepsItsRecordBounded()
    {
        var (ann, bob) = (await _scenario.CreateUserAsync(), await _scenario.CreateUserAsync());
        var id = await StartAsync(ann, bob);
        var record = StorageWrites.Of(Conversation(id).GetGrainId());
        const int Count = (2 * ClusterFixture.MessagePageSize) + 4;
        var sizes = new List<int>();
        for (var seq = 1; seq <= Count; seq++)
        {
            var sent = await Conversation(id).SendAsync(new NewMessage(seq % 2 == 1 ? ann : bob, $"c{seq}", "same length", null));
            Assert.Equal(seq, sent.Message.Seq);
            sizes.Add(record.LastBytes);
        }

        // Each page was written once per message it holds, and by no other message.
        Assert.Equal([ClusterFixture.MessagePageSize, ClusterFixture.MessagePageSize, 4], Enumerable.Range(0, 3).Select(p => PageWrites(id, p)));
        Assert.Equal(0, PageWrites(id, 3));
        // Once both senders' windows are full the record grows by one id per page only (at most 10 bytes each, as the
        // serializer writes a long); besides that, what varies is a few bytes of numbers.
        Assert.InRange(sizes[^1] - sizes[ClusterFixture.MessagePageSize], -8, 8 + (2 * 10));

        var forward = await Conversation(id).GetMessagesAsync(ann, new MessageQuery(5, null, 10));
        Assert.Equal(Enumerable.Range(6, 10).Select(s => (long)s), forward.Items.Select(m => m.Seq));
        Assert.Equal(15, forward.NextCursor);
        var backward = await Conversation(id).GetMessagesAsync(bob, new MessageQuery(null, 18, 10));
        Assert.Equal(Enumerable.Range(8, 10).Select(s => (long)s), backward.Items.Select(m => m.Seq));
        Assert.Equal(8, backward.NextCursor);

        // A retry of a message on an earlier page is still recognised: the sender's window remembers it.
        var retried = await Conversation(id).SendAsync(new NewMessage(ann, $"c{Count - 7}", "same length", null));
        Assert.False(retried.Created);
        Assert.Equal(Count - 7, retried.Message.Seq);
        Assert.Equal(4, PageWrites(id, 2));
    }

    [Fact]
    public async Task AMessageItsPageStoredButTheRecordMissedIsAdoptedNotOverwritten()
    {
        var (ann, bob) = (await _scenario.CreateUserAsync(), await _scenario.CreateUserAsync());
        var id = await StartAsync(ann, bob);
        await Conversation(id).SendAsync(new NewMessage(ann, "first", "one", null));

        // What a failure between the page's write and the record's leaves behind: seq 2 on its page only.
        var orphan = new MessageView(fixture.Ids.NextId(), id, 2, bob, "orphan", "two", null, DateTimeOffset.UtcNow);
        await Grains.GetGrain<IMessagePageGrain>(MessageKeys.Page(id, 0)).AppendAsync(orphan);
        await Conversation(id).Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var retry = await Conversation(id).SendAsync(new NewMessage(bob, "orphan", "two", null));
        var next = await Conversation(id).SendAsync(new NewMessage(ann, "third", "three", null));

        Assert.Equal((orphan.Id, false), (retry.Message.Id, retry.Created));
        Assert.Equal(3, next.Message.Seq);
        var all = await Conversation(id).GetMessagesAsync(ann, new MessageQuery(0, null, 10));
        Assert.Equal(["one", "two", "three"], all.Items.Select(m => m.Text));
        Assert.Equal(1, (await Conversation(id).GetSummaryAsync(bob))!.UnreadCount); // the adopted message read bob up to it
    }

    [Fact]
    public async Task AnInboxKeepsRecentConversationsAndPagesOnThroughItsArchive()
    {
        var owner = await _scenario.CreateUserAsync();
        var conversations = new List<long>();
        var sizes = new List<int>();
        var inbox = StorageWrites.Of(Grains.GetGrain<IInboxGrain>(owner).GetGrainId());
        for (var i = 0; i < 7; i++)
        {
            conversations.Add(await StartAsync(owner, await _scenario.CreateUserAsync()));
            sizes.Add(inbox.LastBytes);
        }

        // Ids from different generators (the test's, the silo's) order by millisecond only: start the next one apart.
        while (DateTimeOffset.UtcNow <= IdGenerator.TimeOf(conversations[^1]).AddMilliseconds(1))
        {
            await Task.Delay(1);
        }

        // The oldest conversation, long archived, comes back to the top; its archive entry is then stale.
        await Conversation(conversations[0]).SendAsync(new NewMessage(owner, "back", "back to the top", null));
        var expected = new[] { conversations[0] }.Concat(Enumerable.Reverse(conversations).SkipLast(1)).ToArray();

        var listed = new List<long>();
        long? cursor = null;
        do
        {
            var page = await Grains.GetGrain<IInboxGrain>(owner).GetPageAsync(InboxFolder.Inbox, new PageRequest(cursor, 2));
            listed.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(expected, listed);
        Assert.InRange(sizes[^1] - sizes[ClusterFixture.InboxRecent], -4, 4); // the record holds the recent set only
        Assert.Equal("back to the top", (await Grains.GetGrain<IInboxGrain>(owner).GetPageAsync(InboxFolder.Inbox, PageRequest.First(1))).Items[0].LastMessage!.Text);
    }

    [Fact]
    public async Task AMessageIsFoundByItsIdOnEveryPageAndRemovedInPlace()
    {
        var (ann, bob, eve) = (await _scenario.CreateUserAsync(), await _scenario.CreateUserAsync(), await _scenario.CreateUserAsync());
        var id = await StartAsync(ann, bob);
        const int Count = (2 * ClusterFixture.MessagePageSize) + 3;
        var sent = new List<MessageView>();
        for (var seq = 1; seq <= Count; seq++)
        {
            sent.Add((await Conversation(id).SendAsync(new NewMessage(seq % 2 == 1 ? ann : bob, $"c{seq}", $"text {seq}", null))).Message);
        }

        // Every message, the first and last of each page included, is found from its id alone; nobody else finds it.
        var found = await Task.WhenAll(sent.Select(m => Conversation(id).FindMessageAsync(bob, m.Id)));
        Assert.Equal(sent.Select(m => m.Seq), found.Select(m => m!.Seq));
        Assert.Null(await Conversation(id).FindMessageAsync(eve, sent[0].Id));
        Assert.Null(await Conversation(id).FindMessageAsync(bob, sent[0].Id - 1));
        Assert.Null(await Conversation(id).FindMessageAsync(bob, fixture.Ids.NextId()));

        // A report names the message by id only: the reporter's inbox leads to the conversation, on the first page.
        var target = new ReportTarget(ReportTargetType.Message, sent[1].Id);
        var reportId = await Grains.GetGrain<IModerationGrain>(0).FileReportAsync(ann, target, "abuse");
        var item = await Grains.GetGrain<IReportGrain>(reportId).GetAsync();
        Assert.Equal((ReportTargetType.Message, sent[1].Id, (long?)id), (item!.Target.Type, item.Target.Id, item.Target.ConversationId));
        var refused = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IModerationGrain>(0).FileReportAsync(eve, target, "abuse"));
        Assert.Equal(DomainErrorKind.NotFound, refused.Kind);

        // Removed twice: one tombstone, the seqs around it unchanged, and the record's last message as it was.
        await Conversation(id).RemoveMessageAsync(sent[1].Id);
        await Conversation(id).RemoveMessageAsync(sent[1].Id);
        var all = await Conversation(id).GetMessagesAsync(ann, new MessageQuery(0, null, 100));
        Assert.Equal(Enumerable.Range(1, Count).Select(s => (long)s), all.Items.Select(m => m.Seq));
        var tombstone = all.Items[1];
        Assert.Equal((sent[1].Id, bob, true, null), (tombstone.Id, tombstone.SenderId, tombstone.Removed, tombstone.Text));
        Assert.All(all.Items.Where(m => m.Seq != 2), m => Assert.False(m.Removed));
        Assert.Null(await Conversation(id).FindMessageAsync(ann, sent[1].Id));
        Assert.Equal($"text {Count}", (await Conversation(id).GetSummaryAsync(ann))!.LastMessage!.Text);

        // The newest message removed: the preview the inboxes read is its tombstone.
        await Conversation(id).RemoveMessageAsync(sent[^1].Id);
        var last = (await Grains.GetGrain<IInboxGrain>(bob).GetPageAsync(InboxFolder.Inbox, PageRequest.First(1))).Items[0].LastMessage!;
        Assert.Equal((sent[^1].Id, true, null), (last.Id, last.Removed, last.Text));
    }

    [Fact]
    public async Task AMessageInAConversationTheInboxHasArchivedIsNotFoundByIdAlone()
    {
        var owner = await _scenario.CreateUserAsync();
        var other = await _scenario.CreateUserAsync();
        var oldest = await StartAsync(owner, other);
        var message = (await Conversation(oldest).SendAsync(new NewMessage(other, "old", "old news", null))).Message;
        var target = new ReportTarget(ReportTargetType.Message, message.Id);
        await Grains.GetGrain<IModerationGrain>(0).FileReportAsync(owner, target, "spam");

        for (var i = 0; i < ClusterFixture.InboxRecent; i++)
        {
            var newer = await StartAsync(owner, await _scenario.CreateUserAsync());
            await Conversation(newer).SendAsync(new NewMessage(owner, "new", "newer", null));
        }

        // The documented limit: the recent set is searched, the archive is not (the conversation itself still knows it).
        var refused = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IModerationGrain>(0).FileReportAsync(owner, target, "spam"));
        Assert.Equal(DomainErrorKind.NotFound, refused.Kind);
        Assert.NotNull(await Conversation(oldest).FindMessageAsync(owner, message.Id));
    }

    private async Task<long> StartAsync(long creator, long other)
    {
        var id = fixture.Ids.NextId();
        Assert.True((await Conversation(id).CreateAsync(new NewConversation(creator, [other], null))).Created);
        return id;
    }

    private IConversationGrain Conversation(long id) => Grains.GetGrain<IConversationGrain>(id);

    private int PageWrites(long conversationId, int page) =>
        StorageWrites.Of(Grains.GetGrain<IMessagePageGrain>(MessageKeys.Page(conversationId, page)).GetGrainId()).Writes;
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedConversationTests(EmbeddedClusterFixture fixture) : ConversationTests(fixture);

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileConversationTests(ServicesClusterFixture fixture) : ConversationTests(fixture);
