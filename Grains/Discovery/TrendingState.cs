namespace Instagram.Grains.Discovery;

[GenerateSerializer, Alias("Instagram.Grains.Discovery.TrendingState")]
public sealed class TrendingState
{
    /// <summary>Tag → account → when that account last used the tag.</summary>
    [Id(0)] public Dictionary<string, Dictionary<long, DateTimeOffset>> Uses { get; set; } = [];
}
