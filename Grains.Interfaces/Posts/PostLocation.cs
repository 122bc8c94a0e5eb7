namespace Instagram.Grains.Posts;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Posts.PostLocation")]
public sealed record PostLocation(
    [property: Id(0)] string Name,
    [property: Id(1)] double Lat,
    [property: Id(2)] double Lng);
