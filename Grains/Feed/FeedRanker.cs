namespace Instagram.Grains.Feed;

/// <summary>
/// The ranked feed's score: affinity(viewer, author) × recency decay × engagement. The decay is exponential, so the
/// ratio of two posts' scores does not change as time passes: the order is fixed for a given state.
/// </summary>
public static class FeedRanker
{
    public static double Score(double affinity, DateTimeOffset createdAt, long likes, long comments, DateTimeOffset now, TimeSpan halfLife)
    {
        var recency = Math.Pow(0.5, (now - createdAt) / halfLife);
        var engagement = 1 + Math.Log(1 + likes + (2.0 * comments));
        return (1 + affinity) * recency * engagement;
    }
}
