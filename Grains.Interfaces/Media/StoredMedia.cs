namespace Instagram.Grains.Media;

/// <summary>What the upload handler found in the bytes (sniffed, not declared) and where it put them.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.StoredMedia")]
public sealed record StoredMedia(
    [property: Id(0)] string ContentType,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] long SizeBytes,
    [property: Id(4)] string OriginalUrl,
    [property: Id(5)] string? StorageKey = null);
