using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Instagram.Api.Media;

/// <summary>
/// Signs the Api's own upload URLs: the signature covers one media id and an expiry, so a URL lets its holder
/// write that one object, and only until it expires (the Embedded stand-in for a write-only SAS URL).
/// </summary>
public sealed class UploadUrlSigner(ServerKeys keys)
{
    private readonly byte[] _key = keys.For("upload-url");

    public string PathFor(long mediaId, DateTimeOffset expiresAt)
    {
        var expires = expiresAt.ToUnixTimeSeconds();
        return $"/v1/media/uploads/{mediaId}?expires={expires}&sig={Sign(mediaId, expires)}";
    }

    public bool IsValid(long mediaId, long expires, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(mediaId, expires)), Encoding.ASCII.GetBytes(signature));

    private string Sign(long mediaId, long expires) => WebEncoders.Base64UrlEncode(
        HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{mediaId}:{expires}"))));
}
