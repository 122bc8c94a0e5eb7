using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Instagram.Api.Infrastructure.Security;

/// <summary>
/// Turns a raw position into an opaque cursor and back: 8 bytes of position plus an 8-byte MAC, base64url.
/// A cursor the server did not issue fails the MAC and is refused.
/// </summary>
public sealed class CursorCodec(ServerKeys keys)
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
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, value, full);
        full[..MacBytes].CopyTo(destination);
    }

    private static DomainException Invalid() => DomainException.InvalidInput("The cursor was not issued by this server.");
}
