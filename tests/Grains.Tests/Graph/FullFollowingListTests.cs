using Instagram.Grains.Common;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Graph;
using Instagram.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit.Abstractions;

namespace Instagram.Grains.Tests.Graph;

/// <summary>One user following the most accounts allowed, <see cref="IFollowingGrain.MaxFollowing"/>.</summary>
[Collection(EmbeddedCollection.Name)]
public sealed class FullFollowingListTests(EmbeddedClusterFixture fixture, ITestOutputHelper output)
{
    // Follows run this many at a time; they queue on the one following grain anyway.
    private const int Batch = 100;

    private static readonly Lock Gate = new();
    private static Task<FullList>? _shared;

    private IFollowingGrain Following(FullList list) => fixture.Grains.GetGrain<IFollowingGrain>(list.UserId);

    [Fact]
    public async Task AFollowingListOfTheMaximumCountsPagesNewestFirstAndRefusesOneMore()
    {
        var list = await FullListAsync();
        var following = Following(list);

        Assert.Equal(IFollowingGrain.MaxFollowing, await following.GetCountAsync());
        Assert.Equal(list.Batches.Keys.Order(), (await following.GetFollowingIdsAsync()).Order());
        var answers = await Task.WhenAll(list.Batches.Keys.Select(following.IsFollowingAsync));
        Assert.All(answers, Assert.True);

        // Follows went in batch after batch, so newest first means batch numbers never go up along the listing.
        var listed = new List<long>();
        long? cursor = null;
        do
        {
            var page = await following.GetPageAsync(new PageRequest(cursor, PageRequest.MaxLimit));
            Assert.True(page.Items.Count == PageRequest.MaxLimit || page.NextCursor is null);
            listed.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(IFollowingGrain.MaxFollowing, listed.Distinct().Count());
        Assert.Equal(list.Last, listed[0]);
        var batches = listed.Select(id => list.Batches[id]).ToList();
        Assert.Equal(batches.OrderDescending(), batches);

        var oneMore = await new Scenario(fixture.Grains, fixture.Ids).CreateUserAsync();
        var error = await Assert.ThrowsAsync<DomainException>(() => following.FollowAsync(oneMore));
        Assert.Equal(DomainErrorKind.Unprocessable, error.Kind);
        Assert.Equal($"You cannot follow more than {IFollowingGrain.MaxFollowing} accounts.", error.Message);
        Assert.False(await following.IsFollowingAsync(oneMore));
        Assert.Equal(IFollowingGrain.MaxFollowing, await following.GetCountAsync());
    }

    [Fact]
    public async Task AFollowIntoAFullListWritesOnePageNotTheList()
    {
        var list = await FullListAsync();
        var (head, pages) = (list.LastFollowHead, list.LastFollowPages);

        // What the list used to be: one record holding every edge, written twice per follow.
        var unpaged = new FollowingState();
        foreach (var (target, sequence) in list.Batches.Keys.Select((id, i) => (id, (long)i)))
        {
            unpaged.Edges[target] = new FollowingEdge(sequence, sequence);
        }

        var unpagedBytes = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>().SerializeToArray(unpaged).Length;
        output.WriteLine($"Follow into a list of {IFollowingGrain.MaxFollowing - 1}: head {head.Writes} writes / {head.Bytes} bytes, pages {pages.Writes} writes / {pages.Bytes} bytes; the whole list's pages hold {list.PagesBytes} bytes; an unpaged record of the list is {unpagedBytes} bytes.");

        Assert.Equal(1, pages.Writes);
        Assert.Equal(0, head.Writes); // the head's sizes stay in memory until the grain deactivates
        Assert.InRange(pages.Bytes, 1, list.PagesBytes / 10);
        Assert.InRange(head.Bytes + pages.Bytes, 1, unpagedBytes / 5);
    }

    private Task<FullList> FullListAsync()
    {
        lock (Gate)
        {
            return _shared ??= BuildFullListAsync();
        }
    }

    private async Task<FullList> BuildFullListAsync()
    {
        var scenario = new Scenario(fixture.Grains, fixture.Ids);
        var user = await scenario.CreateUserAsync();
        // Creating the accounts costs more than following them (follows queue on the one following grain, while
        // creations run side by side): each batch is followed as soon as it exists, while the next ones are created.
        var created = StartCreatingBatches(scenario, IFollowingGrain.MaxFollowing);
        var targets = new List<long>();
        foreach (var creation in created)
        {
            var batch = await creation;
            targets.AddRange(batch);
            // The very last account is left out here: it is followed alone, after everyone else.
            var follows = targets.Count == IFollowingGrain.MaxFollowing ? batch.SkipLast(1) : batch;
            await Task.WhenAll(follows.Select(target => scenario.FollowAsync(user, target)));
        }

        var batches = targets.Select((id, i) => (id, i / Batch)).ToDictionary(t => t.id, t => t.Item2);
        var last = targets[^1];
        batches[last] = int.MaxValue; // followed alone, after everyone else
        var (headBefore, pagesBefore, _) = Writes(user);
        await scenario.FollowAsync(user, last);
        var (headAfter, pagesAfter, pagesBytes) = Writes(user);
        return new FullList(user, batches, last, headAfter - headBefore, pagesAfter - pagesBefore, pagesBytes);
    }

    /// <summary>Batches of <see cref="Batch"/> fresh accounts, created one batch after another from now on.</summary>
    private static List<Task<long[]>> StartCreatingBatches(Scenario scenario, int count)
    {
        var batches = new List<Task<long[]>>();
        Task previous = Task.CompletedTask;
        for (var i = 0; i < count; i += Batch)
        {
            var batch = CreateAfterAsync(previous, scenario, Math.Min(Batch, count - i));
            batches.Add(batch);
            previous = batch;
        }

        return batches;

        static async Task<long[]> CreateAfterAsync(Task previous, Scenario scenario, int size)
        {
            await previous;
            return await scenario.CreateUsersAsync(size);
        }
    }

    /// <summary>What the user's following head and pages have written so far, and what the pages hold now.</summary>
    private (WriteCost Head, WriteCost Pages, long PagesBytes) Writes(long user)
    {
        var head = StorageWrites.Of(fixture.Grains.GetGrain<IFollowingGrain>(user).GetGrainId());
        var pages = Enumerable.Range(0, (IFollowingGrain.MaxFollowing / FollowingPages.PageSize) + 1)
            .Select(p => StorageWrites.Of(fixture.Grains.GetGrain<IFollowingPageGrain>(FollowingPages.Key(user, p)).GetGrainId()))
            .ToList();
        return (new(head.Writes, head.Bytes), new(pages.Sum(p => p.Writes), pages.Sum(p => p.Bytes)), pages.Sum(p => (long)p.LastBytes));
    }

    private sealed record FullList(long UserId, Dictionary<long, int> Batches, long Last, WriteCost LastFollowHead, WriteCost LastFollowPages, long PagesBytes);

    private sealed record WriteCost(int Writes, long Bytes)
    {
        public static WriteCost operator -(WriteCost after, WriteCost before) => new(after.Writes - before.Writes, after.Bytes - before.Bytes);
    }
}
