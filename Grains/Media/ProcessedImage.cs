namespace Instagram.Grains.Media;

/// <summary>One encoded variant of an image.</summary>
public sealed record ImageVariant(string Name, int Width, int Height, byte[] Bytes);

/// <summary>What the pipeline made of an upload: its real type and the variants, smallest first (thumbnail, small, medium, full).</summary>
public sealed record ProcessedImage(string ContentType, IReadOnlyList<ImageVariant> Variants)
{
    public ImageVariant Full => Variants[^1];
}
