using System.Globalization;
using Instagram.Grains.Search;

namespace Instagram.Api.Search;

/// <summary>A user found by search: the user summary plus the follower count the ranking used.</summary>
public sealed record UserSearchResponse(string Id, string Username, string FullName, string? AvatarUrl, bool IsVerified, bool IsPrivate, long FollowerCount)
{
    public static UserSearchResponse From(UserSearchResult result)
    {
        var user = result.User;
        return new(user.Id.ToString(CultureInfo.InvariantCulture), user.Username, user.FullName, user.AvatarUrl, user.IsVerified,
            user.IsPrivate, result.FollowerCount);
    }
}

public sealed record HashtagSearchResponse(string Tag, long PostCount);
