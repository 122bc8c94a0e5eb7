using Instagram.Grains.Common;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Instagram.Silo.Hosting;

/// <summary>
/// The Embedded profile's in-memory grain storage, which knows when it is about to vanish. Orleans keeps this state in
/// storage grains, and a stopping silo deactivates them alongside every other grain; the grains that write on their way
/// out (list heads settling their counts, write-behind buffers flushing) then find no storage grain to talk to and log
/// an error with a stack trace each, on every Ctrl+C of the product. Once the last silo of the cluster is stopping, the
/// memory is lost whatever is written, so those writes are skipped. While other silos remain (the multi-silo test
/// clusters), every write still goes through: their copies of the storage grains keep it.
/// </summary>
internal sealed partial class EmbeddedGrainStorage(IGrainStorage memory, LastSiloStopping lastSilo, ILogger<EmbeddedGrainStorage> logger) : IGrainStorage
{
    private int _skipped;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        memory.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Discarded() ? Task.CompletedTask : memory.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Discarded() ? Task.CompletedTask : memory.ClearStateAsync(stateName, grainId, grainState);

    private bool Discarded()
    {
        if (!lastSilo.IsTrue)
        {
            return false;
        }

        if (Interlocked.Increment(ref _skipped) == 1)
        {
            LogDiscarding();
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The last Embedded silo is stopping: its in-memory grain state goes with it, so writes from deactivating grains are skipped")]
    private partial void LogDiscarding();
}
