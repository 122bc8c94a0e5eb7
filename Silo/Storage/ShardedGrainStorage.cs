using Orleans.Storage;

namespace Instagram.Silo.Storage;

/// <summary>
/// One named grain storage over several databases: each call goes to the provider of the grain's shard
/// (<see cref="GrainStorageShards"/>). The Orleans ADO.NET providers take exactly one connection string each, so
/// this is the layer that spreads grain state over several PostgreSQL servers; each shard is an ordinary batched
/// PostgreSQL provider with its own pool and its own OrleansStorage table.
/// </summary>
internal sealed class ShardedGrainStorage(IReadOnlyList<IGrainStorage> shards, GrainStorageShards map) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        shards[map.ShardOf(grainId)].ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        shards[map.ShardOf(grainId)].WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        shards[map.ShardOf(grainId)].ClearStateAsync(stateName, grainId, grainState);
}
