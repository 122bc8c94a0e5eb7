namespace Instagram.Grains.Reels;

/// <summary>How a reel ranks for one viewer.</summary>
internal static class ReelRanker
{
    /// <summary>
    /// Watch time per hour since posting and engagement velocity (likes and comments per hour, as explore scores it),
    /// each on a log scale so one viral reel does not drown every other signal, times the viewer's affinity with the
    /// author (likes, comments, long watches of their reels).
    /// </summary>
    public static double Score(double velocity, long watchMs, DateTimeOffset createdAt, double affinity, DateTimeOffset now)
    {
        var hours = Math.Max(1, (now - createdAt).TotalHours);
        var watchSecondsPerHour = watchMs / 1000.0 / hours;
        return (1 + Math.Log(1 + velocity)) * (1 + Math.Log(1 + watchSecondsPerHour)) * (1 + (0.5 * affinity));
    }
}
