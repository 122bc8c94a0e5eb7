using System.ComponentModel.DataAnnotations;
using Instagram.Grains.Media;

namespace Instagram.Api.Media;

/// <summary>Upload limits (configuration section "Media", shared with the media pipeline's and the media store's settings).</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Largest image upload.</summary>
    [Range(1, 1L << 32)]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest video upload (its length is checked after the upload: 90 s).</summary>
    [Range(1, 1L << 34)]
    public long MaxVideoBytes { get; set; } = 200 * 1024 * 1024;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Where clients reach this Api, for the Embedded profile's own upload URLs. Configured, never taken from the
    /// request's Host header, which a client chooses: an upload URL must not point wherever a request said.
    /// </summary>
    [Required, Url]
    public string UploadBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>What a client may declare; the pipeline checks the bytes say the same.</summary>
    public static IReadOnlyList<string> AcceptedContentTypes { get; } = [.. ImageFormat.Accepted, .. VideoFormat.Accepted];

    /// <summary>The size limit for a declared type.</summary>
    public long MaxBytesFor(string contentType) => VideoFormat.IsVideo(contentType) ? MaxVideoBytes : MaxUploadBytes;
}
