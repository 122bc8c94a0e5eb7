using Instagram.Grains.Media;

namespace Instagram.Grains.Stories;

[GenerateSerializer, Alias("Instagram.Grains.Stories.StoryState")]
public sealed class StoryState
{
    [Id(0)] public long AuthorId { get; set; }
    [Id(1)] public MediaView? Media { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset ExpiresAt { get; set; }
}
