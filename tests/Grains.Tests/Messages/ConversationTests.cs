using Instagram.Grains.Common;
using Instagram.Grains.Messages;
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
        // Once both senders' windows are full the record stops growing: what varies is a few bytes of numbers.
        Assert.InRange(sizes[^1] - sizes[ClusterFixture.MessagePageSize], -8, 8);

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
