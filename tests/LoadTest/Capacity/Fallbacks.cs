namespace Instagram.LoadTest.Capacity;

/// <summary>
/// Figures used where no result file has the measurement yet, each with the place it was published. The result files
/// written before the load tester recorded PostgreSQL and Redis counters (2026-12-07) have none of those, so until a
/// Cluster run with the new recorder exists these stand in for them; a run that has them replaces them.
/// </summary>
public static class Fallbacks
{
    public static readonly Sourced FullFeedGrainBytes = new(19_000,
        "README.md Performance, 2026-11-23: \"a full FeedGrain (1,000 items) holds ≈ 19 KB\" (feed-memory)");

    // 5,374 req/s through the Api with the silo inside it, on the 2-vCPU VM: all of both cores charged to the Api.
    public static readonly Sourced ApiCoreSecondsPerRequest = new(2.0 / 5_374,
        "README.md Performance, 2026-11-23: HTTP feed-read 5,374 req/s on 2 vCPUs, silo in the same process (upper bound)");

    public static readonly Sourced PostgresRowWritesPerCoreSecond = new(13_700 / 2.0,
        "README.md Performance, 2026-12-06 evening: pgbench of writetostorage, 13,700 calls/s on the 2-vCPU VM");

    public static readonly Sourced PostgresRowWritesPerPost = new(10,
        "README.md Performance, 2026-12-06: \"a post is ~13 statements\" less the media reminder's 3 (removed late that night)");

    public static readonly Sourced PostgresRowWritesPerGraphChange = new(2.3,
        "README.md Performance, 2026-12-06 night: 4.6 state writes per follow + unfollow");

    public static readonly Sourced BytesPerStoredRow = new(363,
        "psql on the local database, 2026-12-07 06:58 UTC: OrleansStorage 1,555,152,896 bytes with indexes ÷ 4,288,346 rows");

    // Every action that publishes an event costs its stream an XADD, an XACK and a share of an XREADGROUP.
    public static readonly Sourced RedisCommandsPerPost = Sourced.Assumed(6,
        "2 stream events (post event, one fan-out page of ≤ 2,000 followers) × (XADD + XACK + a share of XREADGROUP); DESIGN.md, not measured");

    public static readonly Sourced RedisCommandsPerEvent = Sourced.Assumed(3,
        "1 stream event × (XADD + XACK + a share of XREADGROUP); DESIGN.md \"Events\", not measured");

    // A like adds one liker id to the post's state, a follow one id on each side's page.
    public static readonly Sourced StoredBytesPerLike = Sourced.Assumed(16, "one 8-byte liker id plus encoding in the post's likes state");

    public static readonly Sourced StoredBytesPerGraphChange = Sourced.Assumed(16, "one 8-byte id on the follower page and one on the following page");

    public static readonly Sourced RowsInsertedPerPost = Sourced.Assumed(4,
        "new rows per post: post, media, author-posts read model, search (README.md Architecture)");
}
