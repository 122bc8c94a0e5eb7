using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Instagram.Silo.Storage;

/// <summary>
/// Grain state in PostgreSQL's OrleansStorage table, the same rows and versions as Microsoft.Orleans.Persistence.AdoNet,
/// with reads and writes of many grains sent together (<see cref="PostgresStatementBatcher{TItem, TResult}"/>): a cold
/// start activates thousands of grains at once, and busy grains write at once. Each write keeps its own optimistic
/// check: a stale ETag is an <see cref="InconsistentStateException"/>, as before. A row that does not exist, or was
/// cleared, reads as the ADO.NET provider reads it: a new state, the cleared row's version as ETag, no record. Clearing,
/// which is rare, stays with that provider (<paramref name="rows"/>).
/// </summary>
internal sealed class BatchedPostgresGrainStorage(
    string name,
    AdoNetGrainStorage rows,
    PostgresStatementBatcher<GrainStateRead, StoredGrainState?> reads,
    PostgresStatementBatcher<GrainStateWrite, int?> writes,
    IActivatorProvider activators,
    string serviceId) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = GrainStorageKey.For(rows.HashPicker, serviceId, name, stateName, grainId, grainState);
        var stored = await reads.RunAsync(new GrainStateRead(key, serviceId));
        var exists = stored is { Payload: not null };
        grainState.State = exists ? rows.Serializer.Deserialize<T>(new BinaryData(stored!.Payload!)) : activators.GetActivator<T>().Create();
        grainState.ETag = stored?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = exists;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        rows.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = GrainStorageKey.For(rows.HashPicker, serviceId, name, stateName, grainId, grainState);
        var expected = string.IsNullOrWhiteSpace(grainState.ETag) ? (int?)null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var payload = rows.Serializer.Serialize(grainState.State).ToArray(); // now, in the grain's turn: nothing changes it meanwhile
        var written = await writes.RunAsync(new GrainStateWrite(key, serviceId, expected, payload));

        if (written is null || written == expected)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={grainId} ETag={grainState.ETag}.");
        }

        grainState.ETag = written.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }
}
