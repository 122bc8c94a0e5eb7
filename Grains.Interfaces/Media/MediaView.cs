namespace Instagram.Grains.Media;

/// <summary>
/// A media item as posts, stories and avatars show it. Variant URLs are fixed when the item is created, so a view taken
/// while it is still processing already names the URLs the variants will have; width and height are the full variant's.
/// <see cref="Type"/> is "image" or "video"; a video also has <see cref="Video"/> (its playback) and only a thumbnail
/// among its variants that matters.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.MediaView")]
public sealed record MediaView(
    [property: Id(0)] long Id,
    [property: Id(1)] string Type,
    [property: Id(2)] int Width,
    [property: Id(3)] int Height,
    [property: Id(4)] MediaVariants Variants,
    [property: Id(5)] MediaStatus Status = MediaStatus.Ready,
    [property: Id(6)] string? FailureReason = null,
    [property: Id(7)] VideoPlayback? Video = null)
{
    public const string Image = "image";
    public const string VideoType = "video";

    public bool IsVideo => Type == VideoType;
}
