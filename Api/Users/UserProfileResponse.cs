using Instagram.Grains.Users;

namespace Instagram.Api.Users;

public sealed record UserProfileResponse(
    string Id,
    string Username,
    string FullName,
    string Bio,
    string? AvatarUrl,
    bool IsPrivate,
    bool IsVerified,
    long FollowerCount,
    long FollowingCount,
    long PostCount,
    bool IsFollowing,
    bool FollowRequested)
{
    public static UserProfileResponse From(UserProfile profile) => new(
        profile.User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), profile.User.Username, profile.User.FullName,
        profile.Bio, profile.User.AvatarUrl, profile.User.IsPrivate, profile.User.IsVerified, profile.FollowerCount,
        profile.FollowingCount, profile.PostCount, profile.IsFollowing, profile.FollowRequested);
}
