using System.Globalization;

namespace Instagram.Grains.Media;

/// <summary>
/// Where a media item's objects live in the store: "{id}/upload" receives the bytes (the only object a client can
/// write), "{id}/original" keeps the validated original privately (never served), and "{id}/{variant}.webp" are the
/// public, immutable variants.
/// </summary>
public static class MediaKeys
{
    public const string Thumbnail = "thumbnail";
    public const string Small = "small";
    public const string Medium = "medium";
    public const string Full = "full";

    /// <summary>Variant names, smallest first.</summary>
    public static readonly string[] Variants = [Thumbnail, Small, Medium, Full];

    public const string VariantExtension = "webp";
    public const string VariantContentType = "image/webp";

    public static string Upload(long mediaId) => $"{Id(mediaId)}/upload";

    public static string Original(long mediaId) => $"{Id(mediaId)}/original";

    public static string Variant(long mediaId, string variant) => $"{Id(mediaId)}/{variant}.{VariantExtension}";

    public static IEnumerable<string> All(long mediaId) => [Upload(mediaId), Original(mediaId), .. Variants.Select(v => Variant(mediaId, v))];

    private static string Id(long mediaId) => mediaId.ToString(CultureInfo.InvariantCulture);
}
