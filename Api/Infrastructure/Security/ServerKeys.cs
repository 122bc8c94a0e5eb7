using System.Security.Cryptography;
using System.Text;
using Instagram.Api.Auth;

namespace Instagram.Api.Infrastructure.Security;

/// <summary>
/// Derives one key per purpose (cursors, upload URLs) from the configured signing secret, so a value signed
/// for one purpose is never accepted for another, and there is one secret to rotate.
/// </summary>
public sealed class ServerKeys(IOptions<JwtOptions> jwt)
{
    public byte[] For(string purpose) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt.Value.SigningKey), Encoding.UTF8.GetBytes("instagram-orleans/" + purpose));
}
