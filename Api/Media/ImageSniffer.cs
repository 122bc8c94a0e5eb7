using System.Buffers.Binary;

namespace Instagram.Api.Media;

/// <summary>
/// Identifies JPEG, PNG and WebP by their magic bytes (never by file name or declared type) and reads the pixel
/// size from the header. Anything else, or a header that does not parse, is not an image we accept.
/// </summary>
public static class ImageSniffer
{
    public static ImageFormat? Detect(ReadOnlySpan<byte> data)
    {
        var format = DetectPng(data) ?? DetectJpeg(data) ?? DetectWebP(data);
        return format is { Width: > 0, Height: > 0 } ? format : null;
    }

    private static ImageFormat? DetectPng(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (data.Length < 24 || !data.StartsWith(signature) || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return new ImageFormat("image/png", "png", (int)BinaryPrimitives.ReadUInt32BigEndian(data[16..]), (int)BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
    }

    private static ImageFormat? DetectJpeg(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF)
        {
            return null;
        }

        // Walk the marker segments until a start-of-frame, which carries the size.
        var position = 2;
        while (position + 9 < data.Length)
        {
            if (data[position] != 0xFF)
            {
                return null;
            }

            var marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                return new ImageFormat("image/jpeg", "jpg",
                    BinaryPrimitives.ReadUInt16BigEndian(data[(position + 7)..]),
                    BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]));
            }

            if (marker == 0xD9 || length < 2)
            {
                return null;
            }

            position += 2 + length;
        }

        return null;
    }

    private static ImageFormat? DetectWebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30 || !data.StartsWith("RIFF"u8) || !data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return null;
        }

        var chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8) && data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A)
        {
            return WebP(BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8) && data[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return WebP((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            return WebP(ReadUInt24(data[24..]) + 1, ReadUInt24(data[27..]) + 1);
        }

        return null;
    }

    private static ImageFormat WebP(int width, int height) => new("image/webp", "webp", width, height);

    private static int ReadUInt24(ReadOnlySpan<byte> data) => data[0] | (data[1] << 8) | (data[2] << 16);
}
