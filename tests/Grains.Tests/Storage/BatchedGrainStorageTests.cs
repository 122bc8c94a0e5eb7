using Instagram.Grains.Common;
using Instagram.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Storage;

/// <summary>
/// The Cluster profile's grain storage batches reads and writes across grains; the rows must stay those the ADO.NET
/// provider reads and writes, with the same optimistic versions, and one bad write must not take a batch down with it.
/// </summary>
[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class BatchedGrainStorageTests(ServicesClusterFixture fixture)
{
    private IServiceProvider Silo => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;

    private IGrainStorage Batched => Silo.GetRequiredKeyedService<IGrainStorage>(ProviderNames.GrainStorage);

    private IGrainStorage Rows => Silo.GetRequiredKeyedService<IGrainStorage>(ProviderNames.GrainStorage + ".rows");

    public static TheoryData<string> KeyKinds => ["integer", "integer+extension", "guid", "string"];

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task WhatIsWrittenInBatchesIsWhatTheAdoNetProviderReads(string kind)
    {
        var grainId = GrainOf(kind);
        var written = new GrainState<string>("first");
        await Batched.WriteStateAsync("batchTest", grainId, written);
        written.State = "second";
        await Batched.WriteStateAsync("batchTest", grainId, written);

        var read = await ReadAsync(Rows, grainId);
        Assert.Equal("second", read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task WhatTheAdoNetProviderWroteIsWhatIsReadInBatches(string kind)
    {
        var grainId = GrainOf(kind);
        var written = new GrainState<string>("stored before");
        await Rows.WriteStateAsync("batchTest", grainId, written);

        var read = await ReadAsync(Batched, grainId);
        Assert.Equal("stored before", read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task AMissingOrClearedRowReadsAsNoRecord()
    {
        var missing = new GrainState<List<string>>();
        await Batched.ReadStateAsync("batchTest", GrainOf("integer"), missing);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);
        Assert.Empty(missing.State!);

        var grainId = GrainOf("string");
        var state = new GrainState<List<string>>(["soon gone"]);
        await Batched.WriteStateAsync("batchTest", grainId, state);
        await Batched.ClearStateAsync("batchTest", grainId, state);
        var cleared = new GrainState<List<string>>();
        await Batched.ReadStateAsync("batchTest", grainId, cleared);
        Assert.False(cleared.RecordExists);
        Assert.Empty(cleared.State!);
        Assert.Equal(state.ETag, cleared.ETag); // a write after the clear quotes this version
    }

    [Fact]
    public async Task ManyGrainsReadingAtOnceEachGetTheirOwnState()
    {
        var grains = Enumerable.Range(0, 300).Select(_ => GrainOf("integer")).ToArray();
        await Task.WhenAll(grains.Select(id => Batched.WriteStateAsync("batchTest", id, new GrainState<string>(id.ToString()))));

        var reads = await Task.WhenAll(grains.Select(async id =>
        {
            var read = await ReadAsync(Batched, id);
            return (id, read.State);
        }));

        Assert.All(reads, r => Assert.Equal(r.id.ToString(), r.State));
    }

    [Fact]
    public async Task ManyGrainsWritingAtOnceAreAllStored()
    {
        var grains = Enumerable.Range(0, 500).Select(_ => GrainOf("integer")).ToArray();
        await Task.WhenAll(grains.Select(id => Batched.WriteStateAsync("batchTest", id, new GrainState<string>(id.ToString()))));

        foreach (var id in grains)
        {
            var read = await ReadAsync(Rows, id);
            Assert.Equal(id.ToString(), read.State);
            Assert.Equal("1", read.ETag);
        }
    }

    [Fact]
    public async Task AStaleVersionIsAConflictAndChangesNothing()
    {
        var grainId = GrainOf("integer");
        var current = new GrainState<string>("mine");
        await Batched.WriteStateAsync("batchTest", grainId, current);
        var stale = new GrainState<string>("stale") { ETag = current.ETag };
        await Batched.WriteStateAsync("batchTest", grainId, current); // moves the row on

        await Assert.ThrowsAsync<InconsistentStateException>(() => Batched.WriteStateAsync("batchTest", grainId, stale));
        var read = await ReadAsync(Rows, grainId);
        Assert.Equal("mine", read.State);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task AWriteThatFailsDoesNotFailTheOthersOfItsBatch()
    {
        var good = Enumerable.Range(0, 200).Select(_ => GrainOf("integer")).ToArray();
        var tooLongTypeName = new string('x', 600); // the column holds 512: PostgreSQL refuses this one statement

        var writes = good.Select(id => Batched.WriteStateAsync("batchTest", id, new GrainState<string>("ok"))).ToList();
        var bad = Batched.WriteStateAsync(tooLongTypeName, GrainOf("integer"), new GrainState<string>("refused"));

        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        await Task.WhenAll(writes);
        foreach (var id in good)
        {
            var read = await ReadAsync(Rows, id);
            Assert.Equal("ok", read.State);
        }
    }

    private static async Task<GrainState<string>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var read = new GrainState<string>();
        await storage.ReadStateAsync("batchTest", grainId, read);
        return read;
    }

    private static GrainId GrainOf(string kind)
    {
        var type = GrainType.Create("batch-test");
        return kind switch
        {
            "integer" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64())),
            "integer+extension" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(), "ext")),
            "guid" => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())),
            _ => GrainId.Create(type, "key-" + Guid.NewGuid().ToString("N")),
        };
    }
}
