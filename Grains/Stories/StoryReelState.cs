namespace Instagram.Grains.Stories;

[GenerateSerializer, Alias("Instagram.Grains.Stories.StoryReelState")]
public sealed class StoryReelState
{
    /// <summary>Stories not yet purged, oldest first.</summary>
    [Id(0)] public List<StoryRef> Stories { get; set; } = [];

    /// <summary>Users the author hides their stories from, in the order hidden.</summary>
    [Id(1)] public OrderedIds HiddenFrom { get; set; } = new();
}
