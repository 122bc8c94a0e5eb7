using System.Buffers.Binary;
using System.IO.Compression;

namespace Instagram.Tests.Shared;

/// <summary>Writes PNG files by hand, so tests and the load tester carry no binary fixtures (and can make hostile ones).</summary>
internal static class PngWriter
{
    /// <summary>A valid, all-black RGB image of the given size.</summary>
    public static byte[] Black(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(new byte[height * (1 + (width * 3))]);
        }

        return Build(Header(width, height), compressed.ToArray());
    }

    /// <summary>An 8-bit RGB IHDR for the given size.</summary>
    public static byte[] Header(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        return header;
    }

    /// <summary>Signature, IHDR, one IDAT and IEND, with correct CRCs, around whatever header and data are given.</summary>
    public static byte[] Build(byte[] header, byte[] data)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", data);
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. typeBytes, .. data]));
        output.Write(number);
    }

    // PNG's CRC-32 (polynomial 0xEDB88320), bit by bit: the images are tiny.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
