namespace Instagram.Grains.Media;

/// <summary>What the bytes say an image is, whatever the client declared. Width and height are 0 when the header did not say.</summary>
public sealed record ImageFormat(string ContentType, int Width, int Height)
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Avif = "image/avif";

    /// <summary>Recognised by its bytes but not accepted: libvips here decodes AVIF, not HEVC-coded HEIC.</summary>
    public const string Heic = "image/heic";

    /// <summary>The types the pipeline accepts, in the order error messages list them.</summary>
    public static readonly string[] Accepted = [Jpeg, Png, WebP, Avif];

    public bool HasSize => Width > 0 && Height > 0;

    public long Pixels => (long)Width * Height;
}
