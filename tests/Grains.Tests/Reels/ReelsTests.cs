using Instagram.Grains.Common;
using Instagram.Grains.Posts;
using Instagram.Grains.Reels;
using Instagram.Grains.Tests.Infrastructure;
using Orleans.Core.Internal;
using Orleans.Runtime;

namespace Instagram.Grains.Tests.Reels;

/// <summary>Reels through the grains, written once and run on both profiles (the storage path of kinds and watches).</summary>
public abstract class ReelsTests(ClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task AReelStaysAReelAndItsLongestWatchCountsOnceAcrossActivations()
    {
        var author = await _scenario.CreateUserAsync();
        var viewer = await _scenario.CreateUserAsync();
        var reelId = await _scenario.PublishReelAsync(author);
        var reel = Grains.GetGrain<IPostGrain>(reelId);
        await reel.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(PostKind.Reel, (await reel.GetDetailsAsync())!.Kind);

        var watches = Grains.GetGrain<IReelWatchesGrain>(viewer);
        var stats = Grains.GetGrain<IReelStatsGrain>(0);
        await watches.RecordAsync(reelId, 6_000);
        await watches.RecordAsync(reelId, 2_000);
        await Eventually.TrueAsync(async () => (await stats.GetWatchTimeAsync([reelId]))[0] == 6_000, "6 s counted");

        // The viewer's longest watch is stored: a new activation still knows it, so a repeat counts nothing.
        await watches.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await watches.RecordAsync(reelId, 6_000);
        await watches.RecordAsync(reelId, 7_000);
        await Eventually.TrueAsync(async () => (await stats.GetWatchTimeAsync([reelId]))[0] == 7_000, "7 s counted, once");
        Assert.Contains(reelId, await watches.GetWatchedAsync());
    }

    [Fact]
    public async Task ANewSessionLeadsWithUnwatchedReelsAndAWalkNeverRepeats()
    {
        var author = await _scenario.CreateUserAsync();
        var viewer = await _scenario.CreateUserAsync();
        var reels = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            reels.Add(await _scenario.PublishReelAsync(author));
        }

        var feed = Grains.GetGrain<IReelsGrain>(viewer);
        await Eventually.TrueAsync(async () => (await WalkAsync(feed, 2)).Intersect(reels).Count() == reels.Count, "every reel recommended");
        await Grains.GetGrain<IReelWatchesGrain>(viewer).RecordAsync(reels[^1], 1_000); // the newest, which led

        var walk = await WalkAsync(feed, 2);
        Assert.Equal(walk.Count, walk.Distinct().Count());
        Assert.True(walk.IndexOf(reels[^1]) > walk.IndexOf(reels[0]), "a watched reel comes after the unwatched ones");
    }

    private static async Task<List<long>> WalkAsync(IReelsGrain feed, int limit)
    {
        var ids = new List<long>();
        long? cursor = null;
        do
        {
            var page = await feed.GetPageAsync(new PageRequest(cursor, limit));
            ids.AddRange(page.Items.Select(i => i.Reel.Post.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedReelsTests(EmbeddedClusterFixture fixture) : ReelsTests(fixture);

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileReelsTests(ServicesClusterFixture fixture) : ReelsTests(fixture);
