using System.ComponentModel.DataAnnotations;

namespace Instagram.Silo.Media;

/// <summary>Where the Embedded profile keeps media (configuration section "Media").</summary>
public sealed class LocalMediaOptions
{
    public const string SectionName = "Media";

    /// <summary>A folder, absolute or relative to the working directory.</summary>
    [Required]
    public string LocalPath { get; set; } = "media-data";

    /// <summary>Prefix of public media URLs; empty means site-relative URLs served by the Api itself.</summary>
    public string PublicBaseUrl { get; set; } = "";
}
