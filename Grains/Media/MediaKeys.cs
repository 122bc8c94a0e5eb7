using System.Globalization;

namespace Instagram.Grains.Media;

/// <summary>
/// Where a media item's objects live in the store: "uploads/{id}" receives the bytes (the only object a client can
/// write; under one prefix of its own so a storage lifecycle rule can sweep what is left there), "{id}/original" keeps the validated original privately (never served), and "{id}/{token}/{variant}.webp"
/// are the public, immutable variants, behind the item's <see cref="MediaUrlToken"/>.
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

    /// <summary>Where every upload object lives; infra/azure/modules/storage.bicep deletes what stays there a day.</summary>
    public const string UploadPrefix = "uploads/";

    public static string Upload(long mediaId) => UploadPrefix + Id(mediaId);

    public static string Original(long mediaId) => $"{Id(mediaId)}/original";

    public static string Variant(long mediaId, string urlToken, string variant) => $"{Id(mediaId)}/{urlToken}/{variant}.{VariantExtension}";

    /// <summary>Every object the item may have; without a token (a record from before tokens), no variants.</summary>
    public static IEnumerable<string> All(long mediaId, string? urlToken) =>
        [Upload(mediaId), Original(mediaId), .. urlToken is null ? [] : Variants.Select(v => Variant(mediaId, urlToken, v))];

    private static string Id(long mediaId) => mediaId.ToString(CultureInfo.InvariantCulture);
}
