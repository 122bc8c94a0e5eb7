namespace Instagram.LoadTest.Capacity;

/// <summary>Every per-action and per-user figure the model multiplies by a rate, each with its source.</summary>
public sealed record MeasuredCosts
{
    public const string FeedRead = "feed read";
    public const string Delivery = "delivery";
    public const string Post = "post";
    public const string GraphChange = "follow/unfollow";
    public const string Like = "like";

    public static readonly string[] Operations = [FeedRead, Delivery, Post, GraphChange, Like];

    public required IReadOnlyDictionary<string, OperationCost> PerOperation { get; init; }

    /// <summary>Mean followers of a post in the measured fan-out runs (what a delivery's cost was averaged over).</summary>
    public Sourced? FollowersPerPostMeasured { get; init; }

    public required Sourced BytesPerActivation { get; init; }

    /// <summary>Activations one online user keeps alive (their feed, user, following list, follower pages, posts read...).</summary>
    public required Sourced ActivationsPerOnlineUser { get; init; }

    /// <summary>A FeedGrain holding Feed:MaxItems ids: a returning user's feed at its largest.</summary>
    public required Sourced FullFeedGrainBytes { get; init; }

    public required Sourced ApiCoreSecondsPerRequest { get; init; }

    /// <summary>Api requests behind one post: upload slot, the bytes' PUT, the create call.</summary>
    public Sourced ApiRequestsPerPost { get; init; } = new(3, "the Api's upload flow: slot, PUT, POST /v1/posts (tests/LoadTest/Systems/HttpSystem.cs)");

    /// <summary>Converts row writes to PostgreSQL CPU where a run did not measure the server's CPU.</summary>
    public required Sourced PostgresRowWritesPerCoreSecond { get; init; }

    /// <summary>Converts Redis commands to Redis CPU where a run did not measure the server's CPU.</summary>
    public required Sourced RedisCommandsPerCoreSecond { get; init; }

    public OperationCost Cost(string operation) => PerOperation.TryGetValue(operation, out var cost) ? cost : new OperationCost(operation);
}
