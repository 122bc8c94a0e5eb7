using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Instagram.Api.Infrastructure.Security;

/// <summary>
/// Turns a raw position into an opaque cursor and back: 8 bytes of position plus an 8-byte MAC, base64url. The MAC
/// also covers the list the cursor belongs to — the request's path and its query without cursor and limit (so
/// <c>/v1/users/1/followers</c>, <c>/v1/users/2/followers</c> and <c>/v1/feed?order=ranked</c> are different lists) —
/// so a cursor the server did not issue, or issued for another list, fails the MAC and is refused.
/// </summary>
public sealed class CursorCodec(ServerKeys keys, IHttpContextAccessor http)
{
    private const int ValueBytes = 8;
    private const int MacBytes = 8;
    private readonly byte[] _key = keys.For("cursor");

    public string? Encode(long? position)
    {
        if (position is not { } value)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[ValueBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        Mac(buffer[..ValueBytes], buffer[ValueBytes..]);
        return WebEncoders.Base64UrlEncode(buffer);
    }

    public long? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[ValueBytes + MacBytes];
        Span<byte> expected = stackalloc byte[MacBytes];
        if (cursor.Length > 32 || !TryDecode(cursor, buffer))
        {
            throw Invalid();
        }

        Mac(buffer[..ValueBytes], expected);
        return CryptographicOperations.FixedTimeEquals(expected, buffer[ValueBytes..])
            ? BinaryPrimitives.ReadInt64BigEndian(buffer)
            : throw Invalid();
    }

    private static bool TryDecode(string cursor, Span<byte> buffer)
    {
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(cursor);
            if (bytes.Length != buffer.Length)
            {
                return false;
            }

            bytes.CopyTo(buffer);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void Mac(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var list = Encoding.UTF8.GetBytes(ListOfCurrentRequest());
        var input = new byte[value.Length + list.Length];
        value.CopyTo(input);
        list.CopyTo(input, value.Length);
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, input, full);
        full[..MacBytes].CopyTo(destination);
    }

    private string ListOfCurrentRequest()
    {
        if (http.HttpContext?.Request is not { } request)
        {
            return "";
        }

        var scope = request.Query
            .Where(q => q.Key is not ("cursor" or "limit"))
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => $"{q.Key.ToLowerInvariant()}={q.Value}");
        return request.Path.Value?.ToLowerInvariant() + "?" + string.Join('&', scope);
    }

    private static DomainException Invalid() => DomainException.InvalidInput("The cursor was not issued by this server.");
}
