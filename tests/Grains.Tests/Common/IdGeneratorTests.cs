using Instagram.Grains.Common;

namespace Instagram.Grains.Tests.Common;

public sealed class IdGeneratorTests
{
    [Fact]
    public void IdsAreUniqueAndIncreasing()
    {
        var generator = new IdGenerator(7);
        var ids = Enumerable.Range(0, 50_000).Select(_ => generator.NextId()).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.True(ids.Zip(ids.Skip(1)).All(pair => pair.First < pair.Second));
    }

    [Fact]
    public void AnIdCarriesItsCreationTime()
    {
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        var id = new IdGenerator(1).NextId();
        var at = IdGenerator.TimeOf(id);
        Assert.InRange(at, before, DateTimeOffset.UtcNow.AddMilliseconds(1));
        Assert.True(IdGenerator.MinIdAt(at) <= id);
    }
}
