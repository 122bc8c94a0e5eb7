using Instagram.Silo.Storage;

namespace Instagram.Grains.Tests.Storage;

/// <summary>The bucket map behind sharded grain storage: stable, even, and a user's grains stay together.</summary>
public sealed class GrainStorageShardsTests
{
    private static GrainId User(long id) => GrainId.Create(GrainType.Create("user"), GrainIdKeyExtensions.CreateIntegerKey(id));

    [Fact]
    public void BucketsAreSplitIntoContiguousRangesInOrder()
    {
        var map = new GrainStorageShards(3);

        var owners = Enumerable.Range(0, GrainStorageShards.Buckets).Select(map.ShardOfBucket).ToList();

        Assert.Equal(owners.Order(), owners);
        Assert.Equal([0, 1, 2], owners.Distinct());
        Assert.All(owners.GroupBy(o => o), g => Assert.InRange(g.Count(), 341, 342));
    }

    [Fact]
    public void GrainsSpreadEvenlyOverTheShards()
    {
        var map = new GrainStorageShards(4);

        var counts = Enumerable.Range(1, 40_000).GroupBy(i => map.ShardOf(User(i * 7_919L))).Select(g => g.Count()).ToList();

        Assert.Equal(4, counts.Count);
        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
    }

    [Fact]
    public void EveryGrainKeyedByTheSameUserIdLandsInTheSameShard()
    {
        var map = new GrainStorageShards(8);
        var id = 987_654_321L;
        var types = new[] { "user", "feed", "following", "followers", "userposts" };

        Assert.Single(types.Select(t => map.ShardOf(GrainId.Create(GrainType.Create(t), GrainIdKeyExtensions.CreateIntegerKey(id)))).Distinct());
    }

    [Fact]
    public void OneShardTakesEverything()
    {
        var map = new GrainStorageShards(1);

        Assert.All(Enumerable.Range(0, 500), i => Assert.Equal(0, map.ShardOf(User(i))));
    }
}
