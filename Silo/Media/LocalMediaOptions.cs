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

    /// <summary>
    /// Origins of web clients that PUT uploads straight to Blob Storage (the Api's public origin, e.g.
    /// <c>https://app.example.com</c>). When set, the Blob-backed store adds a CORS rule for them to the blob service at
    /// start-up; leave it empty where the deployment sets CORS itself (infra/azure's Bicep does, and a managed identity
    /// may lack the right to). Unused by the folder-backed store: its uploads go to the Api's own origin.
    /// </summary>
    public string[] BrowserUploadOrigins { get; set; } = [];
}
