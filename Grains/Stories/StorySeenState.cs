namespace Instagram.Grains.Stories;

[GenerateSerializer, Alias("Instagram.Grains.Stories.StorySeenState")]
public sealed class StorySeenState
{
    /// <summary>Seen story → when it expires (after which the record is dropped).</summary>
    [Id(0)] public Dictionary<long, DateTimeOffset> Seen { get; set; } = [];
}
