namespace Instagram.Grains.Users;

/// <summary>
/// The few fields shown wherever a user is listed: post authors, followers, likers. <paramref name="IsSuspended"/> is
/// never shown: read paths use it to hide a suspended account and everything it made from everyone else.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Users.UserSummary")]
public sealed record UserSummary(
    [property: Id(0)] long Id,
    [property: Id(1)] string Username,
    [property: Id(2)] string FullName,
    [property: Id(3)] string? AvatarUrl,
    [property: Id(4)] bool IsVerified,
    [property: Id(5)] bool IsPrivate,
    [property: Id(6)] bool IsSuspended = false);
