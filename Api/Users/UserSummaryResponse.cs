using Instagram.Grains.Users;

namespace Instagram.Api.Users;

public sealed record UserSummaryResponse(string Id, string Username, string FullName, string? AvatarUrl, bool IsVerified, bool IsPrivate)
{
    public static UserSummaryResponse From(UserSummary user) =>
        new(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), user.Username, user.FullName, user.AvatarUrl, user.IsVerified, user.IsPrivate);
}
