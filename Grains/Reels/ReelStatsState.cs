namespace Instagram.Grains.Reels;

[GenerateSerializer, Alias("Instagram.Grains.Reels.ReelStatsState")]
public sealed class ReelStatsState
{
    /// <summary>Reel id → total watch time in milliseconds.</summary>
    [Id(0)] public Dictionary<long, long> WatchMs { get; set; } = [];
}
