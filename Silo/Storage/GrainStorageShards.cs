namespace Instagram.Silo.Storage;

/// <summary>
/// Which of N grain-state databases holds a grain. Two levels, as seed 000 describes Instagram's own sharding: a grain
/// falls in one of <see cref="Buckets"/> fixed buckets by a stable hash of its key, and each database owns a
/// contiguous range of buckets. Adding a database moves whole buckets (copy their rows, then switch the range), never
/// re-hashes everything, and the bucket of a grain never changes.
/// </summary>
/// <remarks>
/// The hash is <see cref="IdSpan.GetUniformHashCode"/> of the grain's key alone: Orleans serializes it, so it is the
/// same in every process and version, and grains of different types with the same key (a user's UserGrain,
/// FeedGrain, FollowingGrain...) land in the same database, like a user's rows under seed 001's shard-by-user_id.
/// </remarks>
public sealed class GrainStorageShards
{
    public const int Buckets = 1024;

    public GrainStorageShards(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Buckets);
        Count = count;
    }

    public int Count { get; }

    public static int BucketOf(GrainId grainId) => (int)(grainId.Key.GetUniformHashCode() % Buckets);

    /// <summary>Database i owns buckets [i × Buckets / Count, (i + 1) × Buckets / Count).</summary>
    public int ShardOfBucket(int bucket) => (int)((long)bucket * Count / Buckets);

    public int ShardOf(GrainId grainId) => ShardOfBucket(BucketOf(grainId));
}
