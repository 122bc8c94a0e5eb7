using System.Globalization;

namespace Instagram.Grains.Media;

/// <summary>
/// Where a media item's objects live in the store: "uploads/{id}" receives the bytes (the only object a client can
/// write; under one prefix of its own so a storage lifecycle rule can sweep what is left there), "{id}/original" keeps the validated original privately (never served), and "{id}/{token}/{variant}.webp"
/// are the public, immutable variants, behind the item's <see cref="MediaUrlToken"/>; a video's playlists, segments and
/// poster (<see cref="VideoTranscoder"/>) sit beside them.
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
    public const string PlaylistContentType = "application/vnd.apple.mpegurl";
    public const string SegmentContentType = "video/mp2t";
    public const string PosterContentType = "image/jpeg";

    /// <summary>Where every upload object lives; infra/azure/modules/storage.bicep deletes what stays there a day.</summary>
    public const string UploadPrefix = "uploads/";

    public static string Upload(long mediaId) => UploadPrefix + Id(mediaId);

    public static string Original(long mediaId) => $"{Id(mediaId)}/original";

    public static string Variant(long mediaId, string urlToken, string variant) => File(mediaId, urlToken, $"{variant}.{VariantExtension}");

    /// <summary>A public file of the item by name: a variant, or a video's playlist, segment or poster.</summary>
    public static string File(long mediaId, string urlToken, string name) => $"{Id(mediaId)}/{urlToken}/{name}";

    /// <summary>
    /// Every object the item may have; without a token (a record from before tokens), no variants. A video's
    /// playlists, segments and poster are <paramref name="files"/> (the record lists them, as no store is listed).
    /// </summary>
    public static IEnumerable<string> All(long mediaId, string? urlToken, IEnumerable<string>? files = null) =>
        [Upload(mediaId), Original(mediaId), .. urlToken is null ? [] : Variants.Select(v => Variant(mediaId, urlToken, v)).Concat((files ?? []).Select(f => File(mediaId, urlToken, f)))];

    /// <summary>The content type a public file is served with, by its extension; null for anything that is never served.</summary>
    public static string? ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        "." + VariantExtension => VariantContentType,
        ".m3u8" => PlaylistContentType,
        ".ts" => SegmentContentType,
        ".jpg" => PosterContentType,
        _ => null,
    };

    private static string Id(long mediaId) => mediaId.ToString(CultureInfo.InvariantCulture);
}
