using System.Text.Json.Serialization;
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
    bool FollowRequested,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CommentPolicy = null)
{
    /// <summary>The comment policy ("everyone", "followers", "off") is the owner's setting: only their own profile carries it.</summary>
    public static UserProfileResponse From(UserProfile profile) => new(
        profile.User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), profile.User.Username, profile.User.FullName,
        profile.Bio, profile.User.AvatarUrl, profile.User.IsPrivate, profile.User.IsVerified, profile.FollowerCount,
        profile.FollowingCount, profile.PostCount, profile.IsFollowing, profile.FollowRequested,
        profile.CommentPolicy?.ToString().ToLowerInvariant());
}
