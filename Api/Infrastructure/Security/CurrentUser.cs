using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;

namespace Instagram.Api.Infrastructure.Security;

public static class CurrentUser
{
    /// <summary>The caller's user id from the access token; endpoints that call this require authentication.</summary>
    public static long UserId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The access token has no subject."), System.Globalization.CultureInfo.InvariantCulture);

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(JwtRegisteredClaimNames.Sid);
}
