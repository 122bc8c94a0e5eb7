using System.ComponentModel.DataAnnotations;

namespace Instagram.Grains.Feed;

/// <summary>Feed policy (configuration section "Feed").</summary>
public sealed class FeedOptions
{
    public const string SectionName = "Feed";

    /// <summary>Authors with at least this many followers are pulled by readers instead of pushed to them.</summary>
    [Range(1, int.MaxValue)]
    public int CelebrityThreshold { get; set; } = 10_000;

    /// <summary>
    /// How far below <see cref="CelebrityThreshold"/> a celebrity's follower count must fall before its posts are pushed
    /// again, as a fraction of the threshold: an account hovering at the threshold would otherwise switch at every
    /// follow and unfollow, and each switch down re-pushes its recent posts to every follower.
    /// </summary>
    [Range(0.0, 0.5)]
    public double CelebrityDemotionMargin { get; set; } = 0.1;

    /// <summary>Below this many followers a celebrity is pushed again (with no margin: below the threshold itself).</summary>
    public long CelebrityDemotionBelow => Math.Min(CelebrityThreshold, (long)Math.Ceiling(Math.Round(CelebrityThreshold * (1 - CelebrityDemotionMargin), 6)));

    /// <summary>How many post ids one feed cache keeps.</summary>
    [Range(20, 100_000)]
    public int MaxItems { get; set; } = 1_000;

    /// <summary>Followers idle longer than this get nothing pushed; their feed takes the posts in when they return.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan InactiveAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How often a user's activity is written to the follower pages they are on (one write per followed author): the
    /// fan-out's idea of "active" lags by at most this much. Capped at half of <see cref="InactiveAfter"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan ActivityRecordInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many cold feeds one silo rebuilds at once (each is one read-model query).</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentRebuilds { get; set; } = 32;

    /// <summary>How many feed deliveries one follower page has in flight at once.</summary>
    [Range(1, 10_000)]
    public int FanOutConcurrency { get; set; } = 256;

    public TimeSpan EffectiveActivityRecordInterval => ActivityRecordInterval < InactiveAfter / 2 ? ActivityRecordInterval : InactiveAfter / 2;

    /// <summary>How many recent posts of each followed author a cold feed takes in when it is rebuilt.</summary>
    [Range(1, 1_000)]
    public int RebuildPostsPerAuthor { get; set; } = 50;

    /// <summary>How many recent posts a celebrity timeline keeps for readers to pull.</summary>
    [Range(10, 10_000)]
    public int CelebrityTimelineSize { get; set; } = 200;

    /// <summary>How many of the newest feed items the ranked order considers.</summary>
    [Range(20, 1_000)]
    public int RankedWindow { get; set; } = 200;

    /// <summary>The age at which a post's ranked score halves.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RankingHalfLife { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long each silo reuses its copy of a celebrity timeline or of the celebrity directory.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CelebrityCacheTtl { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long each silo reuses the posts (with their counts) and author summaries (name, avatar, verified, private) it
    /// hydrated pages with; a count or profile change made on another silo shows after at most this long (the silo
    /// where it happens evicts at once, and a deleted post is evicted from every silo before the deletion answers).
    /// Zero turns the cache off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan HydrationCacheLifetime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many posts, and how many author summaries, a silo's hydration cache holds at most.</summary>
    [Range(1_000, 10_000_000)]
    public int HydrationCacheCapacity { get; set; } = 100_000;
}
