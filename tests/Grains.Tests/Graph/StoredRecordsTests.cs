using Instagram.Grains.Common;
using Instagram.Grains.Graph;
using Instagram.Grains.Lists;
using Instagram.Grains.Lists.Paging;
using Instagram.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Graph;

/// <summary>Records stored by earlier versions, or left behind by a silo that died, still read and go on working.</summary>
[Collection(EmbeddedCollection.Name)]
public sealed class StoredRecordsTests(EmbeddedClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);

    private IGrainStorage Storage => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(ProviderNames.GrainStorage);

    [Fact]
    public async Task AnUnpagedFollowingRecordMovesToPagesAndKeepsItsOrder()
    {
        var user = await _scenario.CreateUserAsync();
        var targets = await _scenario.CreateUsersAsync(4);
        var old = new FollowingState { NextLocalSequence = 3 };
        for (var i = 0; i < 3; i++)
        {
            old.Edges[targets[i]] = new FollowingEdge(i, i);
        }

        var following = fixture.Grains.GetGrain<IFollowingGrain>(user);
        await Storage.WriteStateAsync("following", following.GetGrainId(), new GrainState<FollowingState>(old));

        Assert.Equal(3, await following.GetCountAsync());
        Assert.Equal([targets[2], targets[1], targets[0]], (await following.GetPageAsync(new PageRequest(null, 10))).Items);
        var stored = new GrainState<FollowingState>(new FollowingState());
        await Storage.ReadStateAsync("following", following.GetGrainId(), stored);
        var state = Assert.IsType<FollowingState>(stored.State);
        Assert.Empty(state.Edges);
        Assert.Equal(3, state.Count);

        await _scenario.FollowAsync(user, targets[3]);
        await following.UnfollowAsync(targets[1]);
        Assert.Equal([targets[3], targets[2], targets[0]], (await following.GetPageAsync(new PageRequest(null, 10))).Items);
        Assert.Equal(3, await following.GetCountAsync());
    }

    [Fact]
    public async Task BlocksStoredAsAnUnorderedSetStillHoldAndAreListed()
    {
        var user = await _scenario.CreateUserAsync();
        var targets = await _scenario.CreateUsersAsync(2);
        var blocks = fixture.Grains.GetGrain<IBlocksGrain>(user);
        await Storage.WriteStateAsync("blocks", blocks.GetGrainId(), new GrainState<BlocksState>(new BlocksState { LegacyBlocking = [.. targets] }));

        Assert.True(await blocks.IsBlockedEitherWayAsync(targets[0]));
        Assert.Equal(targets.Order(), (await blocks.GetExcludedAsync()).Order());
        Assert.Equal(targets.Order(), (await blocks.GetBlockingAsync(new PageRequest(null, 10))).Items.Select(u => u.Id).Order());
        var stored = new GrainState<BlocksState>(new BlocksState());
        await Storage.ReadStateAsync("blocks", blocks.GetGrainId(), stored);
        Assert.Null(stored.State!.LegacyBlocking);

        await blocks.UnblockAsync(targets[1]);
        Assert.False(await blocks.IsBlockedEitherWayAsync(targets[1]));
    }

    [Fact]
    public async Task AnEdgeListHeadWithoutPageSizesCountsFromItsPages()
    {
        var listKey = EdgeLists.Key(EdgeLists.HashtagPosts, $"old{fixture.Ids.NextId()}");
        var list = fixture.Grains.GetGrain<IEdgeListGrain>(listKey);
        var page = fixture.Grains.GetGrain<IEdgeListPageGrain>(EdgeLists.PageKey(listKey, 0));
        var entries = new List<ListEntry> { new(10, 0), new(11, 1), new(12, 2) };
        await Storage.WriteStateAsync("listPage", page.GetGrainId(), new GrainState<EdgeListPageState>(new EdgeListPageState { Entries = entries }));
        await Storage.WriteStateAsync("list", list.GetGrainId(), new GrainState<EdgeListState>(new EdgeListState { NextSequence = 3, Count = 3 }));

        Assert.Equal(3, await list.GetCountAsync());
        Assert.Equal(3, await list.AddAsync(13));
        Assert.True(await list.RemoveAsync(11, 1));
        Assert.Equal([13L, 12, 10], (await list.GetPageAsync(new PageRequest(null, 10), newestFirst: true)).Items);
        Assert.Equal(3, await list.GetCountAsync());
    }

    [Fact]
    public async Task HeadsLeftUnsettledByACrashTakeTheirCountsAndNumberingFromThePages()
    {
        var user = await _scenario.CreateUserAsync();
        var targets = await _scenario.CreateUsersAsync(4);
        var fans = await _scenario.CreateUsersAsync(3);
        foreach (var target in targets.Take(3))
        {
            await _scenario.FollowAsync(user, target);
        }

        await _scenario.FollowAllAsync(fans, targets[0]);
        var following = fixture.Grains.GetGrain<IFollowingGrain>(user);
        var followers = fixture.Grains.GetGrain<IFollowersGrain>(targets[0]);

        // A clean deactivation writes each head settled, with every size it kept in memory.
        var followingHead = await DeactivateAndReadAsync<FollowingState>("following", following);
        var followersHead = await DeactivateAndReadAsync<FollowersState>("followers", followers);
        Assert.Equal(3, followingHead.State!.Count);
        Assert.Equal(4, followersHead.State!.Count);

        // What a silo that died holding changes leaves: heads that know nothing of the sizes kept in memory.
        followingHead.State = new FollowingState { NextLocalSequence = 1, PageSizes = { [0] = 1 }, Count = 1 };
        followersHead.State = new FollowersState { NextSequence = followersHead.State.NextSequence, PageSizes = { [0] = 1 }, Count = 1 };
        await Storage.WriteStateAsync("following", following.GetGrainId(), followingHead);
        await Storage.WriteStateAsync("followers", followers.GetGrainId(), followersHead);

        Assert.Equal(3, await following.GetCountAsync());
        Assert.Equal(4, await followers.GetCountAsync());
        await _scenario.FollowAsync(user, targets[3]);
        Assert.Equal([targets[3], targets[2], targets[1], targets[0]], (await following.GetPageAsync(new PageRequest(null, 10))).Items);
        var listed = (await followers.GetPageAsync(new PageRequest(null, 10))).Items;
        Assert.Equal(user, listed[^1]); // first to follow; the fans followed at once, in no fixed order
        Assert.Equal(fans.Order(), listed.Take(fans.Length).Order());
    }

    private async Task<GrainState<TState>> DeactivateAndReadAsync<TState>(string stateName, IGrain grain)
        where TState : class, IEdgeHeadState, new()
    {
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var stored = new GrainState<TState>(new TState());
        await Eventually.TrueAsync(async () =>
        {
            await Storage.ReadStateAsync(stateName, grain.GetGrainId(), stored);
            return stored.State?.Settled == true;
        }, $"{stateName} settled by its deactivation");
        return stored;
    }
}
