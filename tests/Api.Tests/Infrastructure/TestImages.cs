using System.Buffers.Binary;

namespace Instagram.Api.Tests.Infrastructure;

/// <summary>Small, valid images built in code, so the tests carry no binary fixtures.</summary>
public static class TestImages
{
    public static byte[] Png(int width = 4, int height = 3) => PngWriter.Black(width, height);

    /// <summary>A minimal baseline JPEG header (SOI, APP0, SOF0): enough for type and size detection.</summary>
    public static byte[] JpegHeader(int width, int height)
    {
        byte[] data =
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xC0, 0x00, 0x11, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
            0xFF, 0xD9,
        ];
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(25), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(27), (ushort)width);
        return data;
    }
}
