namespace Instagram.Grains.Reels;

[GenerateSerializer, Alias("Instagram.Grains.Reels.ReelWatchesState")]
public sealed class ReelWatchesState
{
    /// <summary>Reel id → the viewer's longest watch in milliseconds.</summary>
    [Id(0)] public Dictionary<long, int> LongestMs { get; set; } = [];
}
