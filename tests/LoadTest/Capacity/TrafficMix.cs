namespace Instagram.LoadTest.Capacity;

/// <summary>
/// What the users do per day and how peaky it is. The defaults are the seed articles' figures (seed 001's capacity
/// table first, seeds 002 and 004 where 001 is silent); anything no seed gives is marked as an assumption.
/// </summary>
public sealed record TrafficMix
{
    public required Sourced DailyActiveUsers { get; init; }

    public Sourced FeedOpensPerUserPerDay { get; init; } = new(10, "seed 001 §2: 500M users × 10 feed opens = 5 billion/day");

    /// <summary>Uploads per daily active user: seed 001's 100M uploads/day over its 500M DAU.</summary>
    public Sourced PostsPerUserPerDay { get; init; } = new(0.2, "seed 001 §2: 100M photo uploads/day ÷ 500M DAU");

    public Sourced LikesPerUserPerDay { get; init; } = new(9, "seed 004 §2: 4.5B likes/day ÷ 500M DAU");

    /// <summary>A follow or an unfollow; no seed gives a rate, so it is a flag.</summary>
    public Sourced GraphChangesPerUserPerDay { get; init; } = Sourced.Assumed(1, "one follow or unfollow per DAU per day (no seed gives a rate)");

    public Sourced PeakFactor { get; init; } = new(3, "seed 002 §2: \"Peak maybe 2-3x\" the daily average (upper end)");

    /// <summary>Users online at once at the peak, as a share of DAU: whose feeds are resident in silo memory.</summary>
    public Sourced ConcurrentShareOfDau { get; init; } = new(0.1, "seed 004 §2: ~50M peak concurrent of 500M DAU");

    /// <summary>Bytes stored per upload, all variants together.</summary>
    public Sourced MediaBytesPerUpload { get; init; } = new(4_000_000, "seed 001 §2: 4 sizes ≈ 4 MB per photo");

    /// <summary>Share of an author's followers that are pushed to (active within Feed:InactiveAfter).</summary>
    public Sourced ActiveFollowerShare { get; init; } = Sourced.Assumed(0.25, "followers active within 7 days ≈ DAU ÷ registered users (seed 004: 500M of 2B)");

    /// <summary>Followers of a typical (non-celebrity) author: null means "the load test graph's mean followers per post".</summary>
    public Sourced? FollowersPerPost { get; init; }

    public const double SecondsPerDay = 86_400;
}
