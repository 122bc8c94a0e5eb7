using Instagram.Grains.Common;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Graph;
using Instagram.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Graph;

[Collection(EmbeddedCollection.Name)]
public sealed class FollowGraphTests(EmbeddedClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);

    [Fact]
    public async Task FollowIsIdempotentAndCounted()
    {
        var target = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();

        await _scenario.FollowAsync(follower, target);
        await _scenario.FollowAsync(follower, target);

        Assert.Equal(1, await fixture.Grains.GetGrain<IFollowersGrain>(target).GetCountAsync());
        Assert.Equal(1, await fixture.Grains.GetGrain<IFollowingGrain>(follower).GetCountAsync());
    }

    [Theory]
    [InlineData(nameof(IFollowersGrain.AddAsync))] // the edge is on its page and counted; the follower never heard
    [InlineData(nameof(IFollowersGrain.ReserveSequenceAsync))] // a number was handed out and lost
    public async Task AFollowRetriedAfterAFailureHalfWayCountsOnce(string failingStep)
    {
        var target = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        var followers = fixture.Grains.GetGrain<IFollowersGrain>(target);
        FaultInjection.FailOnceAfter(followers.GetGrainId(), failingStep);

        await Assert.ThrowsAnyAsync<Exception>(() => _scenario.FollowAsync(follower, target));
        await _scenario.FollowAsync(follower, target);
        await _scenario.FollowAsync(follower, target);

        Assert.Equal(1, await followers.GetCountAsync());
        Assert.Equal([follower], (await followers.GetPageAsync(new PageRequest(null, 100))).Items);
        Assert.Equal(1, await fixture.Grains.GetGrain<IFollowingGrain>(follower).GetCountAsync());

        // And undoing it leaves nothing behind.
        await fixture.Grains.GetGrain<IFollowingGrain>(follower).UnfollowAsync(target);
        Assert.Equal(0, await followers.GetCountAsync());
        Assert.Empty((await followers.GetPageAsync(new PageRequest(null, 100))).Items);
    }

    [Fact]
    public async Task AFollowWhosePageWriteFailedIsStoredByTheRetry()
    {
        var target = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        var page = fixture.Grains.GetGrain<IFollowingPageGrain>(FollowingPages.Key(follower, 0));
        StorageWrites.Of(page.GetGrainId()).FailNextWrite();

        await Assert.ThrowsAnyAsync<Exception>(() => _scenario.FollowAsync(follower, target));
        await _scenario.FollowAsync(follower, target);

        // The page's record, which a following list loads from, holds the follow: the failed change was still in the
        // page's memory, where the retry found it, and the retry wrote it rather than nothing.
        var stored = new GrainState<FollowingPageState>(new FollowingPageState());
        await Storage.ReadStateAsync(FollowingPageGrain.StateName, page.GetGrainId(), stored);
        Assert.Equal([target], stored.State!.Entries.Select(entry => entry.TargetId));
        Assert.Equal(1, await fixture.Grains.GetGrain<IFollowingGrain>(follower).GetCountAsync());
        Assert.Equal(1, await fixture.Grains.GetGrain<IFollowersGrain>(target).GetCountAsync());
    }

    [Fact]
    public async Task AFollowingListLoadsItsPagesWithoutActivatingThem()
    {
        var follower = await _scenario.CreateUserAsync();
        var targets = await _scenario.CreateUsersAsync(3);
        foreach (var target in targets)
        {
            await _scenario.FollowAsync(follower, target);
        }

        var following = fixture.Grains.GetGrain<IFollowingGrain>(follower);
        var page = fixture.Grains.GetGrain<IFollowingPageGrain>(FollowingPages.Key(follower, 0));
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await following.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await page.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.TrueAsync(async () => !(await management.GetActiveGrains(page.GetGrainId().Type)).Contains(page.GetGrainId()),
            "the following page deactivated");

        // A cold feed starts here: the whole list, from the page's record, and the page left alone.
        Assert.Equal(targets.Order(), (await following.GetFollowingIdsAsync()).Order());
        Assert.DoesNotContain(page.GetGrainId(), await management.GetActiveGrains(page.GetGrainId().Type));
    }

    [Fact]
    public async Task FollowingYourselfIsUnprocessable()
    {
        var user = await _scenario.CreateUserAsync();
        var error = await Assert.ThrowsAsync<DomainException>(() => _scenario.FollowAsync(user, user));
        Assert.Equal(DomainErrorKind.Unprocessable, error.Kind);
    }

    [Fact]
    public async Task FollowingAnUnknownUserIsNotFoundAndWritesNothing()
    {
        var user = await _scenario.CreateUserAsync();
        var error = await Assert.ThrowsAsync<DomainException>(() => _scenario.FollowAsync(user, fixture.Ids.NextId()));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Equal(0, await fixture.Grains.GetGrain<IFollowingGrain>(user).GetCountAsync());
    }

    [Fact]
    public async Task FollowersSpanSeveralPagesAndListNewestFirstWithoutGaps()
    {
        var target = await _scenario.CreateUserAsync();
        // Each chunk of accounts follows as soon as it exists, while the next chunk is created.
        var followers = new List<long>();
        Task<long[]>? next = _scenario.CreateUsersAsync(200);
        while (next is not null)
        {
            var chunk = await next;
            followers.AddRange(chunk);
            var left = FollowerPages.PageSize + 150 - followers.Count;
            next = left > 0 ? _scenario.CreateUsersAsync(Math.Min(200, left)) : null;
            await _scenario.FollowAllAsync(chunk, target);
        }

        var unfollower = followers[FollowerPages.PageSize - 1];
        await fixture.Grains.GetGrain<IFollowingGrain>(unfollower).UnfollowAsync(target);

        var listed = new List<long>();
        long? cursor = null;
        do
        {
            var page = await fixture.Grains.GetGrain<IFollowersGrain>(target).GetPageAsync(new PageRequest(cursor, 100));
            listed.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(followers.Count - 1, listed.Count);
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.DoesNotContain(unfollower, listed);
        Assert.Equal(followers.Except([unfollower]).Order(), listed.Order());
        Assert.Equal(followers.Count - 1, await fixture.Grains.GetGrain<IFollowersGrain>(target).GetCountAsync());
    }

    [Fact]
    public async Task ManyFollowsAtOnceIntoOneAccountAreEachListedOnceAndCostItsPageAtMostOneWriteEach()
    {
        var target = await _scenario.CreateUserAsync();
        var followers = await _scenario.CreateUsersAsync(400);
        var page = StorageWrites.Of(fixture.Grains.GetGrain<IFollowerPageGrain>(FollowerPages.Key(target, 0)).GetGrainId());

        await _scenario.FollowAllAsync(followers, target);

        var listed = await fixture.Grains.GetGrain<IFollowersGrain>(target).GetPageAsync(new PageRequest(null, 500));
        Assert.Equal(followers.Order(), listed.Items.Order());
        Assert.Equal(followers.Length, await fixture.Grains.GetGrain<IFollowersGrain>(target).GetCountAsync());

        // Every new follower lands on the same page (a celebrity's newest): a follow must not write it twice (it once
        // did, marking its own fresh edge active). Follows that queue up while a write is in flight share the next
        // one, so on a slow store it is far fewer; the in-memory store of this cluster leaves little to share.
        Assert.InRange(page.Writes, 1, followers.Length);
    }

    [Fact]
    public async Task ActivityMarksArrivingTogetherShareThePagesWritesAndAreAllStored()
    {
        var target = await _scenario.CreateUserAsync();
        var followers = await _scenario.CreateUsersAsync(200);
        await _scenario.FollowAllAsync(followers, target);
        var page = fixture.Grains.GetGrain<IFollowerPageGrain>(FollowerPages.Key(target, 0));
        var writes = StorageWrites.Of(page.GetGrainId());
        var writesBefore = writes.Writes;
        var returnedAt = DateTimeOffset.UtcNow.AddDays(30);

        // Every follower returning at once, one mark each, on a store that takes 20 ms a write: they interleave and fold
        // into a few writes instead of one each (four seconds of them), and none is lost on the way.
        writes.WriteDelay = TimeSpan.FromMilliseconds(20);
        await Task.WhenAll(followers.Select(follower => page.MarkActiveAsync([follower], returnedAt)));
        writes.WriteDelay = TimeSpan.Zero;

        Assert.InRange(writes.Writes - writesBefore, 1, followers.Length / 4);
        var stored = new GrainState<FollowerPageState>(new FollowerPageState());
        await Storage.ReadStateAsync("followerPage", page.GetGrainId(), stored);
        Assert.Equal(followers.Order(), stored.State!.Edges.Select(edge => edge.FollowerId).Order());
        Assert.All(stored.State.Edges, edge => Assert.Equal(returnedAt, edge.LastActiveAt));
    }

    private IGrainStorage Storage => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(ProviderNames.GrainStorage);
}
