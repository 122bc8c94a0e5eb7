namespace Instagram.Grains.Media;

/// <summary>The video types an upload may declare, and the container family each one's bytes must be.</summary>
public static class VideoFormat
{
    public const string Mp4 = "video/mp4";
    public const string QuickTime = "video/quicktime";
    public const string WebM = "video/webm";

    /// <summary>The types the pipeline accepts, in the order error messages list them.</summary>
    public static readonly string[] Accepted = [Mp4, QuickTime, WebM];

    public static bool IsVideo(string contentType) => Accepted.Contains(contentType);

    /// <summary>
    /// The container a declared type must be. MP4 and QuickTime share the ISO base media file format (phones label
    /// one as the other), so either declaration accepts either brand; WebM is Matroska's EBML.
    /// </summary>
    public static VideoContainer ContainerOf(string contentType) => contentType == WebM ? VideoContainer.Ebml : VideoContainer.IsoBmff;
}
