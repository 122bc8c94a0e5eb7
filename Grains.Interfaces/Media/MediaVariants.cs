namespace Instagram.Grains.Media;

/// <summary>URLs of the sizes a client picks from: 150x150, 320, 640 and up to 1080 pixels wide.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.MediaVariants")]
public sealed record MediaVariants(
    [property: Id(0)] string Thumbnail,
    [property: Id(1)] string Small,
    [property: Id(2)] string Medium,
    [property: Id(3)] string Full);
