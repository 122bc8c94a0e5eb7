using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Instagram.Api.Infrastructure.Dashboard;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Instagram.Api.Auth;

/// <summary>
/// Issues access tokens (short-lived JWTs naming the user and the session) and refresh tokens
/// ("{sessionId}.{secret}", of which the server keeps only a SHA-256 hash: the secret is random, so a slow hash
/// adds nothing).
/// </summary>
public sealed class TokenService(IOptions<JwtOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public static SymmetricSecurityKey SigningKeyOf(JwtOptions options) => new(Encoding.UTF8.GetBytes(options.SigningKey));

    /// <summary>An access token; an admin's carries the admin role (<see cref="AdminRole"/>), decided when it is issued.</summary>
    public string CreateAccessToken(long userId, string sessionId, bool isAdmin)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<Claim> claims =
        [
            new Claim(JwtRegisteredClaimNames.Sub, userId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(JwtRegisteredClaimNames.Sid, sessionId),
            new Claim(JwtRegisteredClaimNames.Jti, Guid.CreateVersion7(time.GetUtcNow()).ToString("N")),
        ];
        if (isAdmin)
        {
            claims.Add(new Claim(AdminRole.ClaimType, AdminRole.Name));
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.AccessTokenLifetime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(SigningKeyOf(options.Value), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// When a token was issued, to the millisecond: its id is a version-7 GUID, whose first 48 bits are that time. The
    /// iat claim has whole seconds only, too coarse to tell a token issued just before a suspension from one issued just
    /// after it was lifted within the same second. Tokens with another kind of id fall back to iat.
    /// </summary>
    public static DateTimeOffset IssuedAt(JsonWebToken token) => IssuedAt(token.Id, token.IssuedAt);

    /// <summary>The same for a signed-in principal (e.g. a hub connection, which keeps the claims but not the token).</summary>
    public static DateTimeOffset IssuedAt(ClaimsPrincipal user)
    {
        var issuedAt = long.TryParse(user.FindFirst(JwtRegisteredClaimNames.Iat)?.Value, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        return IssuedAt(user.FindFirst(JwtRegisteredClaimNames.Jti)?.Value, issuedAt);
    }

    private static DateTimeOffset IssuedAt(string? tokenId, DateTimeOffset fallback)
    {
        if (Guid.TryParseExact(tokenId, "N", out var id) && id.Version == 7)
        {
            var bytes = id.ToByteArray(bigEndian: true);
            var milliseconds = 0L;
            for (var i = 0; i < 6; i++)
            {
                milliseconds = (milliseconds << 8) | bytes[i];
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        return fallback;
    }

    public DateTimeOffset RefreshTokenExpiry() => time.GetUtcNow() + options.Value.RefreshTokenLifetime;

    /// <summary>How far past its expiry a token is still accepted (clocks of different machines disagree a little).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public DateTimeOffset AccessTokenExpiry() => time.GetUtcNow() + options.Value.AccessTokenLifetime;

    /// <summary>
    /// Until when a session's revocation must last: past the expiry of any access token issued before now, plus the
    /// skew validation still allows, or a revoked token comes back to life for that long.
    /// </summary>
    public DateTimeOffset RevocationEnd() => AccessTokenExpiry() + ClockSkew;

    public static string NewSessionId() => Guid.NewGuid().ToString("N");

    /// <summary>A new refresh token for the session, and the hash to store.</summary>
    public static (string Token, string Hash) CreateRefreshToken(string sessionId)
    {
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return ($"{sessionId}.{secret}", Hash(secret));
    }

    /// <summary>Splits a presented refresh token; null when it is not shaped like one of ours.</summary>
    public static (string SessionId, string Hash)? ParseRefreshToken(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot != 32 || token.Length > 100)
        {
            return null;
        }

        return (token[..dot], Hash(token[(dot + 1)..]));
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
