namespace Instagram.LoadTest.Scenarios;

/// <summary>The commands the tool knows and the scenario behind each.</summary>
public static class ScenarioCatalog
{
    public const string Seed = "seed";

    public static readonly IReadOnlyList<string> Commands = [Seed, "feed-read", "fanout", "celebrity-read", "like-storm", "mixed", "search", "feed-memory", "follow", "cold-feed-read", "reels-read", "video", "messages"];

    public static Scenario? Create(string command) => command switch
    {
        "feed-read" => new FeedReadScenario(),
        "fanout" => new FanOutScenario(),
        "celebrity-read" => new CelebrityReadScenario(),
        "like-storm" => new LikeStormScenario(),
        "mixed" => new MixedScenario(),
        "search" => new SearchScenario(),
        "feed-memory" => new FeedMemoryScenario(),
        "follow" => new FollowScenario(),
        "cold-feed-read" => new ColdFeedReadScenario(),
        "reels-read" => new ReelsReadScenario(),
        "video" => new VideoScenario(),
        "messages" => new MessagesScenario(),
        _ => null,
    };

    /// <summary>Whether the command runs on the seeded social graph (feed-memory and video make their own users).</summary>
    public static bool NeedsGraph(string command) => command is Seed or "feed-read" or "fanout" or "celebrity-read" or "mixed" or "like-storm" or "search" or "follow" or "cold-feed-read" or "reels-read";

    /// <summary>Whether the Redis baseline can run the command too.</summary>
    public static bool HasBaseline(string command) => command is "feed-read" or "fanout" or "celebrity-read" or "mixed" or "like-storm" or "follow";
}
