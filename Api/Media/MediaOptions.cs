using System.ComponentModel.DataAnnotations;
using Instagram.Grains.Media;

namespace Instagram.Api.Media;

/// <summary>Upload limits (configuration section "Media", shared with the media pipeline's and the media store's settings).</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    [Range(1, 1L << 32)]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Where clients reach this Api, for the Embedded profile's own upload URLs. Configured, never taken from the
    /// request's Host header, which a client chooses: an upload URL must not point wherever a request said.
    /// </summary>
    [Required, Url]
    public string UploadBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>What a client may declare; the pipeline checks the bytes say the same.</summary>
    public static IReadOnlyList<string> AcceptedContentTypes => ImageFormat.Accepted;
}
