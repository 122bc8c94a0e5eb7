using System.Globalization;
using Orleans.Storage;

namespace Instagram.Silo.Storage;

/// <summary>
/// Grain state in PostgreSQL's OrleansStorage table, the same rows and versions as Microsoft.Orleans.Persistence.AdoNet
/// (which still does the reads and clears: <paramref name="rows"/>), with writes grouped by
/// <see cref="BatchedGrainStateWriter"/>. Each write keeps its own optimistic check: a stale ETag is an
/// <see cref="InconsistentStateException"/>, as before.
/// </summary>
internal sealed class BatchedPostgresGrainStorage(
    string name,
    AdoNetGrainStorage rows,
    BatchedGrainStateWriter writer,
    string serviceId) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        rows.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        rows.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = GrainStorageKey.For(rows.HashPicker, serviceId, name, stateName, grainId, grainState);
        var expected = string.IsNullOrWhiteSpace(grainState.ETag) ? (int?)null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var payload = rows.Serializer.Serialize(grainState.State).ToArray();
        var written = await writer.WriteAsync(key, serviceId, expected, payload);

        // The function answers the version it wrote, or the one it was given when the row had moved on.
        if (written is null || written == expected)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={grainId} ETag={grainState.ETag}.");
        }

        grainState.ETag = written.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }
}
