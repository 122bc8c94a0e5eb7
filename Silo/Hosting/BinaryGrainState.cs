using Orleans.Storage;

namespace Instagram.Silo.Hosting;

public static class BinaryGrainState
{
    /// <summary>
    /// Stores grain state in Orleans' own binary format instead of the storage providers' default (Newtonsoft JSON).
    /// It is version tolerant through [Id]s and keyed by [Alias], so renaming or moving a state class does not orphan
    /// stored rows (JSON with assembly-qualified $type names would), and it is several times cheaper: with JSON the
    /// in-memory provider alone took a fifth of the Embedded silo's CPU under the fan-out load test.
    /// </summary>
    public static OptionsBuilder<TOptions> UseBinaryGrainState<TOptions>(this OptionsBuilder<TOptions> options)
        where TOptions : class, IStorageProviderSerializerOptions =>
        options.Configure<Orleans.Serialization.Serializer>((storage, serializer) =>
            storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
}
