using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Instagram.Grains.Media;

/// <summary>
/// The unguessable part of a media item's public URLs: 128 random bits, base64url without padding (22 characters).
/// Media ids are time-sortable, so without it anyone could walk the ids and fetch a private account's or a story's
/// images. The token is part of the variants' storage keys, so serving needs no lookup: a wrong token names no object.
/// </summary>
public static partial class MediaUrlToken
{
    public const int Length = 22;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>True for something shaped like a token: also keeps "..", separators and odd characters out of storage keys.</summary>
    public static bool IsWellFormed(string? token) => token is not null && Pattern().IsMatch(token);

    [GeneratedRegex("^[A-Za-z0-9_-]{22}$")]
    private static partial Regex Pattern();
}
