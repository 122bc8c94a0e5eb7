namespace Instagram.Grains.Media;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.MediaView")]
public sealed record MediaView(
    [property: Id(0)] long Id,
    [property: Id(1)] string Type,
    [property: Id(2)] int Width,
    [property: Id(3)] int Height,
    [property: Id(4)] MediaVariants Variants);
