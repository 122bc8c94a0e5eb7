namespace Instagram.Grains.Users;

/// <summary>A partial profile change; null leaves a field as it is.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Users.ProfileUpdate")]
public sealed record ProfileUpdate(
    [property: Id(0)] string? FullName,
    [property: Id(1)] string? Bio,
    [property: Id(2)] bool? IsPrivate,
    [property: Id(3)] long? AvatarMediaId,
    [property: Id(4)] CommentPolicy? CommentPolicy = null);
