namespace Instagram.Grains.Feed;

[GenerateSerializer, Alias("Instagram.Grains.Feed.CelebrityDirectoryState")]
public sealed class CelebrityDirectoryState
{
    [Id(0)] public HashSet<long> Celebrities { get; set; } = [];
}
